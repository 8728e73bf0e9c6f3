// Traffic ingest: 100 Envoys' worth of stat flushes into the rolling window, from the bytes Envoy sends:
// each flush has 20 egress clusters (total, status classes, a 20-bucket upstream_rq_time histogram,
// membership and ejection gauges, and 100 more stats each that the view ignores, as a real Envoy has),
// 20 routes' own stats (Route.stat_prefix: total, status classes, histogram), the ingress connection
// manager's downstream counters, and 600 listener stats the view ignores. Fills the whole 15-minute
// window (90 slots) and prints, per flush, the CPU to decode it (MetricsService's light decoder beside
// the full proto-loader decode it replaced) and to ingest it, the traffic API's answer time and the
// memory held.
// Run: npx tsx bench/traffic.ts [envoys] [clusters per envoy]
import { performance } from 'node:perf_hooks';
import type { Bucket, MeshModel } from '@meshwright/model';
import { gatewayRouteTraffic, proxyHealth, trafficEdges } from '@meshwright/model';
import { fullMetricsServiceDefinition, ingestMetrics, metricsServiceDefinition } from '../apps/bff/src/traffic/grpc-services';
import type { MetricsMessage } from '../apps/bff/src/traffic/metrics-message';
import { SLOT_MS, SLOTS, TrafficWindowStore } from '../apps/bff/src/traffic/window-store';
import { AccessLogStore } from '../apps/bff/src/traffic/access-log-store';
import { toLine } from '../apps/bff/src/traffic/grpc-services';

const ENVOYS = Number(process.argv[2] ?? 100);
const CLUSTERS = Number(process.argv[3] ?? 20);
const IGNORED_PER_CLUSTER = 100;
const BOUNDS = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000, Infinity];

function flush(envoy: number, round: number) {
  const families: { name: string; metric: { counter?: { value: number }; gauge?: { value: number }; histogram?: { bucket: { cumulative_count: number; upper_bound: number }[] } }[] }[] = [];
  const histogram = (rq: number) => ({ bucket: BOUNDS.map((b, i) => ({ upper_bound: b, cumulative_count: (round + 1) * rq * Math.min(1, (i + 1) / 8) })) });
  for (let c = 0; c < CLUSTERS; c++) {
    const cluster = `cds_egress_bench_node-${(envoy + c) % ENVOYS}_http_8080`;
    const rq = 100 + ((envoy * 7 + c) % 50);
    families.push({ name: `cluster.${cluster}.upstream_rq_total`, metric: [{ counter: { value: rq } }] });
    families.push({ name: `cluster.${cluster}.upstream_rq_2xx`, metric: [{ counter: { value: rq - 2 } }] });
    families.push({ name: `cluster.${cluster}.upstream_rq_5xx`, metric: [{ counter: { value: 2 } }] });
    families.push({ name: `cluster.${cluster}.upstream_rq_time`, metric: [{ histogram: histogram(rq) }] });
    families.push({ name: `cluster.${cluster}.membership_healthy`, metric: [{ gauge: { value: 1 } }] });
    families.push({ name: `cluster.${cluster}.membership_total`, metric: [{ gauge: { value: 1 } }] });
    families.push({ name: `cluster.${cluster}.outlier_detection.ejections_active`, metric: [{ gauge: { value: 0 } }] });
    for (let i = 0; i < IGNORED_PER_CLUSTER; i++) families.push({ name: `cluster.${cluster}.upstream_cx_stat_${i}`, metric: [{ counter: { value: i } }] });
    const route = `vhost.svc-${(envoy + c) % ENVOYS}.bench.local.route.route_router-${(envoy + c) % ENVOYS}__split`;
    families.push({ name: `${route}.upstream_rq_total`, metric: [{ counter: { value: rq } }] });
    families.push({ name: `${route}.upstream_rq_2xx`, metric: [{ counter: { value: rq - 2 } }] });
    families.push({ name: `${route}.upstream_rq_5xx`, metric: [{ counter: { value: 2 } }] });
    families.push({ name: `${route}.upstream_rq_time`, metric: [{ histogram: histogram(rq) }] });
  }
  families.push({ name: 'http.ingress_http_8080.downstream_rq_total', metric: [{ counter: { value: 300 } }] });
  families.push({ name: 'http.ingress_http_8080.downstream_rq_2xx', metric: [{ counter: { value: 300 } }] });
  for (let i = 0; i < 600; i++) families.push({ name: `listener.0.0.0.0_15001.stat_${i}`, metric: [{ counter: { value: i } }] });
  return { envoy_metrics: families };
}

const full = fullMetricsServiceDefinition().StreamMetrics;
if (!full) throw new Error('no StreamMetrics');
const light = metricsServiceDefinition().StreamMetrics;
if (!light) throw new Error('no StreamMetrics');

let now = 1_700_000_000_000;
const store = new TrafficWindowStore({ now: () => now });
const logs = new AccessLogStore();
const histories = Array.from({ length: ENVOYS }, () => new Map<string, Bucket[]>());
const heapBefore = process.memoryUsage().heapUsed;
let cpuMs = 0;
let lightMs = 0;
let fullMs = 0;
let flushes = 0;
let flushBytes = 0;
for (let round = 0; round < SLOTS; round++) {
  const wire = Array.from({ length: ENVOYS }, (_, e) => full.requestSerialize(flush(e, round)));
  // The full decode is timed for a tenth of the rounds only: it is the slow one.
  if (round % 10 === 0) {
    const f0 = performance.now();
    for (const bytes of wire) full.requestDeserialize(bytes);
    fullMs += (performance.now() - f0) * 10;
  }
  const l0 = performance.now();
  const messages = wire.map((bytes) => light.requestDeserialize(bytes) as MetricsMessage);
  lightMs += performance.now() - l0;
  const t0 = performance.now();
  for (let e = 0; e < ENVOYS; e++) {
    ingestMetrics(store, { meshName: 'bench', proxy: { kind: 'virtualNode', name: `node-${e}` } }, messages[e] ?? {}, histories[e] ?? new Map());
  }
  cpuMs += performance.now() - t0;
  flushes += ENVOYS;
  flushBytes += wire.reduce((n, b) => n + b.length, 0);
  for (let e = 0; e < ENVOYS; e++) for (let i = 0; i < 20; i++) logs.add('bench', { kind: 'virtualNode', name: `node-${e}` }, toLine({ request: { path: `/p/${i}`, request_method: 'GET' }, response: { response_code: { value: 200 } } }));
  now += SLOT_MS;
}
globalThis.gc?.();
const heldMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;

const model = {
  mesh: { meshName: 'bench', spec: {} },
  virtualNodes: Array.from({ length: ENVOYS }, (_, i) => ({ virtualNodeName: `node-${i}`, spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } })),
  virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [],
} as unknown as MeshModel;
const q0 = performance.now();
const scopes = store.scopes('bench', 900_000);
const edges = trafficEdges(model, scopes, 900);
gatewayRouteTraffic(model, scopes, 900);
const health = proxyHealth(model, scopes);
const queryMs = performance.now() - q0;

console.log(`envoys ${ENVOYS}, clusters per envoy ${CLUSTERS}, flushes ${flushes} (${SLOTS} slots of ${SLOT_MS / 1000} s), series ${store.seriesCount}`);
const perFlush = (ms: number) => `${((ms / flushes) * 1000).toFixed(0)} µs`;
console.log(`decode per flush (${CLUSTERS * (11 + IGNORED_PER_CLUSTER) + 2 + 600} families, ${(flushBytes / flushes / 1024).toFixed(0)} KB): light ${perFlush(lightMs)}, full (proto-loader, before) ${perFlush(fullMs)}, ratio ${(fullMs / lightMs).toFixed(1)}x`);
console.log(`ingest per flush: ${perFlush(cpuMs)} (the ${CLUSTERS * 11 + 2} families the view keeps)`);
console.log(`memory held for a full 15 min window + ${ENVOYS * 1000} access-log lines: ${heldMb.toFixed(1)} MB heap${globalThis.gc ? '' : ' (run with --expose-gc for a settled figure)'}`);
console.log(`GET traffic?window=15m computation: ${queryMs.toFixed(0)} ms for ${edges.length} edges and ${health.length} proxies' health`);
