// envoy.service.metrics.v3.MetricsService and envoy.service.accesslog.v3.AccessLogService on the xDS
// port. Envoy names its node only in a stream's first message, so each stream keeps who it is.
import * as grpc from '@grpc/grpc-js';
import { fileURLToPath } from 'node:url';
import * as protoLoader from '@grpc/proto-loader';
import { bucketDelta, parseStat, trafficStatTails, type Bucket, type ProxyRef } from '@meshwright/model';
import type { GrpcCall, GrpcServer } from '../grpc/grpc-server';
import { parseNodeId } from '../xds/node-id';
import { protoIncludeDirs } from '../xds/protos';
import type { AccessLogLine, AccessLogStore } from './access-log-store';
import { metricsDeserializer, type MetricsMessage } from './metrics-message';
import type { ClusterDelta, TrafficWindowStore } from './window-store';

/** Prometheus' metrics.proto, which the Envoy protos import but @grpc/grpc-js-xds leaves out. */
const extraProtos = fileURLToPath(new URL('./protos', import.meta.url));

const loaderOptions: protoLoader.Options = { keepCase: true, longs: Number, enums: String, defaults: false, oneofs: true };

function serviceDefinition(file: string, name: string): grpc.ServiceDefinition {
  const loaded = grpc.loadPackageDefinition(protoLoader.loadSync(file, { ...loaderOptions, includeDirs: [...protoIncludeDirs(), extraProtos] }));
  let cur: unknown = loaded;
  for (const part of name.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[part];
  if (typeof cur !== 'function' || !('service' in cur)) throw new Error(`${name} not found in the Envoy protos`);
  return (cur as unknown as { service: grpc.ServiceDefinition }).service;
}

/** MetricsService as proto-loader alone reads it: every field of every family (tests and bench/traffic compare with it). */
export function fullMetricsServiceDefinition(): grpc.ServiceDefinition {
  return serviceDefinition('envoy/service/metrics/v3/metrics_service.proto', 'envoy.service.metrics.v3.MetricsService');
}

/**
 * MetricsService with its flushes decoded for the stat families the view keeps only (metrics-message.ts);
 * parseStat is the one list of them.
 */
export function metricsServiceDefinition(): grpc.ServiceDefinition {
  const service = fullMetricsServiceDefinition();
  const stream = service.StreamMetrics;
  if (!stream) throw new Error('StreamMetrics not found in the MetricsService proto');
  return { ...service, StreamMetrics: { ...stream, requestDeserialize: metricsDeserializer((name) => parseStat(name) !== undefined, trafficStatTails) } };
}

interface StreamIdentity {
  meshName: string;
  proxy: ProxyRef;
}

function identify(nodeId: string | undefined): StreamIdentity | undefined {
  const ref = parseNodeId(nodeId);
  if ('error' in ref) return undefined;
  return { meshName: ref.meshName, proxy: { kind: ref.kind ?? 'virtualNode', name: ref.nodeName } };
}

/** One flush in window-store terms; histograms arrive cumulative, so each stream keeps the last ones. */
export function ingestMetrics(store: TrafficWindowStore, who: StreamIdentity, msg: MetricsMessage, lastHistograms: Map<string, Bucket[]>): void {
  const deltas = new Map<string, ClusterDelta>();
  const at = (cluster: string) => deltas.get(cluster) ?? deltas.set(cluster, {}).get(cluster) ?? {};
  for (const family of msg.envoy_metrics ?? []) {
    const parsed = parseStat(family.name ?? '');
    if (!parsed) continue;
    const m = family.metric?.[0];
    const d = at(parsed.scope);
    const value = Number(m?.counter?.value ?? 0);
    const s = parsed.stat;
    if (s.kind === 'requests') d.requests = value;
    else if (s.kind === 'status') d.status = { ...d.status, [s.statusClass]: value };
    else if (s.kind === 'healthCheckFailure') d.healthCheckFailures = value;
    else if (s.kind === 'ejection') d.ejections = value;
    else if (s.kind === 'gauge') d.gauges = { ...d.gauges, [s.gauge]: Number(m?.gauge?.value ?? 0) };
    else if (m?.histogram) {
      const buckets = (m.histogram.bucket ?? []).map((b) => ({ upperBound: Number(b.upper_bound ?? 0), cumulativeCount: Number(b.cumulative_count ?? 0) }));
      d.latency = bucketDelta(buckets, lastHistograms.get(parsed.scope));
      lastHistograms.set(parsed.scope, buckets);
    }
  }
  // Gauges count even at zero: "no endpoint ejected" is news when one was.
  for (const [scope, d] of deltas) if (d.requests || d.latency?.some((b) => b.cumulativeCount > 0) || d.ejections || d.healthCheckFailures || d.gauges) store.add(who.meshName, who.proxy, scope, d);
}

interface HttpEntry {
  common_properties?: { start_time?: { seconds?: number; nanos?: number }; time_to_last_downstream_tx_byte?: { seconds?: number; nanos?: number }; upstream_cluster?: string };
  request?: { request_method?: string; authority?: string; path?: string; original_path?: string };
  response?: { response_code?: { value?: number } };
}
interface AccessLogsMessage {
  identifier?: { node?: { id?: string } };
  http_logs?: { log_entry?: HttpEntry[] };
}

const seconds = (d?: { seconds?: number; nanos?: number }) => (d ? Number(d.seconds ?? 0) + Number(d.nanos ?? 0) / 1e9 : undefined);

export function toLine(e: HttpEntry): AccessLogLine {
  const start = seconds(e.common_properties?.start_time);
  const took = seconds(e.common_properties?.time_to_last_downstream_tx_byte);
  return {
    time: new Date(start === undefined ? 0 : start * 1000).toISOString(),
    method: e.request?.request_method ?? '',
    authority: e.request?.authority ?? '',
    // What the client asked for: a gateway route's prefix rewrite leaves the rewritten path in `path`.
    path: e.request?.original_path || (e.request?.path ?? ''),
    status: e.response?.response_code?.value ?? null,
    durationMs: took === undefined ? null : Math.round(took * 10_000) / 10,
    upstreamCluster: e.common_properties?.upstream_cluster ?? '',
  };
}

function onStream<T extends { identifier?: { node?: { id?: string } } }>(call: GrpcCall<T, object>, handle: (who: StreamIdentity, msg: T) => void): void {
  let who: StreamIdentity | undefined;
  call.on('data', (msg: T) => {
    who ??= identify(msg.identifier?.node?.id);
    if (who) handle(who, msg);
  });
  // The one answer of a client stream (an empty StreamMetricsResponse or StreamAccessLogsResponse).
  call.on('end', () => call.end({}));
}

/** Adds both services to the xDS gRPC server (ads-server's `registerServices` hook). */
export function registerTrafficServices(traffic: TrafficWindowStore, logs: AccessLogStore): (server: GrpcServer) => void {
  return (server) => {
    // A flush names every stat of a proxy: a mesh of thousands of clusters sends more than 4 MB.
    const big = { maxMessageBytes: 64 * 1024 * 1024 };
    server.addService(metricsServiceDefinition(), {
      StreamMetrics: (call: GrpcCall<MetricsMessage, object>) => {
        const last = new Map<string, Bucket[]>();
        onStream(call, (who, msg) => ingestMetrics(traffic, who, msg, last));
      },
    }, big);
    server.addService(serviceDefinition('envoy/service/accesslog/v3/als.proto', 'envoy.service.accesslog.v3.AccessLogService'), {
      StreamAccessLogs: (call: GrpcCall<AccessLogsMessage, object>) => {
        onStream(call, (who, msg) => {
          for (const e of msg.http_logs?.log_entry ?? []) logs.add(who.meshName, who.proxy, toLine(e));
        });
      },
    }, big);
  };
}
