// Per-cluster counters of one proxy in mesh terms: which service, route and weighted target an
// egress cluster serves, using compile's cluster names (envoy/names.ts).
import type { MeshModel } from '../input/mesh-model';
import { names } from '../envoy/names';
import { quantile, type Bucket } from './quantiles';
import { statusClasses, type StatusClass } from './stat-names';

export type ProxyRef = { kind: 'virtualNode' | 'virtualGateway'; name: string };

/** What one proxy sent to one cluster within the window. */
export interface ClusterTraffic {
  source: ProxyRef;
  cluster: string;
  requests: number;
  status: Record<StatusClass, number>;
  latency: Bucket[];
}

export interface TrafficEdge {
  source: ProxyRef;
  service: string | null;
  route: string | null;
  target: { kind: 'virtualNode'; name: string };
  requests: number;
  rps: number;
  status: Record<StatusClass, number>;
  latencyMs: { p50: number | null; p90: number | null; p99: number | null };
  configuredWeight: number | null;
  measuredShare: number | null;
}

interface Attribution {
  service: string | null;
  route: string | null;
  configuredWeight: number | null;
}

/** Egress cluster name -> the virtual node it reaches. */
export function egressClusterIndex(model: MeshModel): Map<string, string> {
  const index = new Map<string, string>();
  for (const n of model.virtualNodes) {
    for (const l of n.spec.listeners ?? []) {
      index.set(names.egressCluster(model.mesh.meshName, n.virtualNodeName, l.portMapping.protocol, l.portMapping.port), n.virtualNodeName);
    }
  }
  return index;
}

function routeTargets(spec: MeshModel['routes'][number]['spec']) {
  const r = spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute;
  return r?.action.weightedTargets ?? [];
}

/** The services a source may call: a node's backends, or every service for a gateway or a node without backends. */
function callableServices(model: MeshModel, source: ProxyRef): Set<string> | undefined {
  if (source.kind !== 'virtualNode') return undefined;
  const node = model.virtualNodes.find((n) => n.virtualNodeName === source.name);
  const backends = (node?.spec.backends ?? []).flatMap((b) => (b.virtualService ? [b.virtualService.virtualServiceName] : []));
  return backends.length > 0 ? new Set(backends) : undefined;
}

/**
 * Which service and route lead from source to target. Envoy counts per cluster, not per route, so
 * when several routes reach the same node the first (in the model's order) is named.
 */
export function attribute(model: MeshModel, source: ProxyRef, target: string): Attribution {
  const callable = callableServices(model, source);
  for (const vs of model.virtualServices) {
    if (callable && !callable.has(vs.virtualServiceName)) continue;
    const provider = vs.spec.provider;
    if (provider?.virtualNode?.virtualNodeName === target) return { service: vs.virtualServiceName, route: null, configuredWeight: null };
    const router = provider?.virtualRouter?.virtualRouterName;
    if (!router) continue;
    for (const r of model.routes.filter((x) => x.virtualRouterName === router)) {
      const targets = routeTargets(r.spec);
      const hit = targets.find((t) => t.virtualNode === target);
      if (!hit) continue;
      const sum = targets.reduce((s, t) => s + t.weight, 0);
      return { service: vs.virtualServiceName, route: `${router}/${r.routeName}`, configuredWeight: sum === 0 ? 0 : Math.round((hit.weight * 1000) / sum) / 10 };
    }
  }
  return { service: null, route: null, configuredWeight: null };
}

const round = (x: number | undefined, digits = 1) => (x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** One edge per caller, service, route and target; measuredShare within the caller's route. */
export function trafficEdges(model: MeshModel, clusters: readonly ClusterTraffic[], windowSeconds: number): TrafficEdge[] {
  const index = egressClusterIndex(model);
  const edges: TrafficEdge[] = [];
  for (const c of clusters) {
    const target = index.get(c.cluster);
    if (!target || c.requests === 0) continue;
    const a = attribute(model, c.source, target);
    edges.push({
      source: c.source,
      service: a.service,
      route: a.route,
      target: { kind: 'virtualNode', name: target },
      requests: c.requests,
      rps: Math.round((c.requests / windowSeconds) * 100) / 100,
      status: Object.fromEntries(statusClasses.map((s) => [s, c.status[s]])) as Record<StatusClass, number>,
      latencyMs: { p50: round(quantile(c.latency, 0.5)), p90: round(quantile(c.latency, 0.9)), p99: round(quantile(c.latency, 0.99)) },
      configuredWeight: a.configuredWeight,
      measuredShare: null,
    });
  }
  const key = (e: TrafficEdge) => `${e.source.kind}/${e.source.name}|${e.service ?? ''}|${e.route ?? ''}`;
  const totals = new Map<string, number>();
  for (const e of edges) totals.set(key(e), (totals.get(key(e)) ?? 0) + e.requests);
  for (const e of edges) {
    const total = totals.get(key(e)) ?? 0;
    e.measuredShare = e.route === null || total === 0 ? null : Math.round((e.requests / total) * 1000) / 1000;
  }
  return edges;
}
