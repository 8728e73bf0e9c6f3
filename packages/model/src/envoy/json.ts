// Plain JSON values: compile output is data that serializes to YAML or JSON as is.

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** An Envoy v3 xDS resource: typed with `@type` so it can travel in a DiscoveryResponse as is. */
export type EnvoyResource = JsonObject & { '@type': string; name: string };

/** Drops members that are undefined, so optional Envoy fields are left out rather than null. */
export function compact(members: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const key in members) {
    const value = members[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Envoy's JSON form of google.protobuf.Duration: seconds with a fraction, such as `0.25s`. */
export function envoyDuration(millis: number): string {
  return `${millis / 1000}s`;
}

/** The same resource without `@type`, as a bootstrap's static_resources expects it. */
export function untyped(resource: JsonObject): JsonObject {
  const { '@type': _type, ...rest } = resource;
  return rest;
}

/** Byte-wise string order: stable across locales, so output diffs stay readable. */
export function byString(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const TYPE = {
  cluster: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  listener: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routeConfiguration: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  httpConnectionManager: 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  tcpProxy: 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  router: 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router',
  fileAccessLog: 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
  httpProtocolOptions: 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
  tlsInspector: 'type.googleapis.com/envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
  httpInspector: 'type.googleapis.com/envoy.extensions.filters.listener.http_inspector.v3.HttpInspector',
  originalDstListenerFilter: 'type.googleapis.com/envoy.extensions.filters.listener.original_dst.v3.OriginalDst',
  dynamicForwardProxyFilter: 'type.googleapis.com/envoy.extensions.filters.http.dynamic_forward_proxy.v3.FilterConfig',
  dynamicForwardProxyCluster: 'type.googleapis.com/envoy.extensions.clusters.dynamic_forward_proxy.v3.ClusterConfig',
} as const;
