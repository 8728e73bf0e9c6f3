// Upstream clusters: the local app behind the ingress listener and every target node of an egress route.
import { durationToMillis } from '../common/duration';
import type { PortProtocol } from '../common/primitives';
import type { MeshSpec } from '../mesh/schema';
import type { ConnectionPool, HealthCheckPolicy, Listener, OutlierDetection } from '../virtual-node/listener';
import type { CompileContext, NodeItem, TargetContext } from './context';
import { TYPE, compact, envoyDuration, type EnvoyResource, type JsonObject, type JsonValue } from './json';
import { names } from './names';

const CONNECT_TIMEOUT = '1s';

/** What of the mesh a target cluster is built from, beside the node. */
type MeshContext = Pick<TargetContext, 'meshName' | 'meshIpPreference'>;

/** HTTP/2 to the upstream, for http2 and grpc listeners. */
export function http2ProtocolOptions(): JsonObject {
  return {
    'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
      '@type': TYPE.httpProtocolOptions,
      explicit_http_config: { http2_protocol_options: {} },
    },
  };
}

export const isHttp2 = (p: PortProtocol) => p === 'http2' || p === 'grpc';

function endpoint(address: string, port: number, healthCheckPort: number | undefined): JsonObject {
  return {
    endpoint: compact({
      address: { socket_address: { address, port_value: port } },
      health_check_config: healthCheckPort === undefined ? undefined : { port_value: healthCheckPort },
    }),
  };
}

/** App Mesh's connection pool as Envoy circuit breakers, on the cluster the pool protects. */
export function circuitBreakers(pool: ConnectionPool | undefined): JsonObject | undefined {
  if (!pool) return undefined;
  const t = pool.http
    ? compact({ max_connections: pool.http.maxConnections, max_pending_requests: pool.http.maxPendingRequests })
    : pool.http2
      ? { max_requests: pool.http2.maxRequests }
      : pool.grpc
        ? { max_requests: pool.grpc.maxRequests }
        : pool.tcp
          ? { max_connections: pool.tcp.maxConnections }
          : undefined;
  return t ? { thresholds: [{ priority: 'DEFAULT', ...t }] } : undefined;
}

/** Envoy's gRPC health checker needs an HTTP/2 cluster; on other listeners it checks the connection. */
export function healthCheckProtocol(hc: HealthCheckPolicy, listenerProtocol: PortProtocol): PortProtocol {
  return hc.protocol === 'grpc' && !isHttp2(listenerProtocol) ? 'tcp' : hc.protocol;
}

export function healthChecks(hc: HealthCheckPolicy | undefined, listenerProtocol: PortProtocol): JsonValue[] | undefined {
  if (!hc) return undefined;
  const base = {
    timeout: envoyDuration(hc.timeoutMillis),
    interval: envoyDuration(hc.intervalMillis),
    healthy_threshold: hc.healthyThreshold,
    unhealthy_threshold: hc.unhealthyThreshold,
  };
  switch (healthCheckProtocol(hc, listenerProtocol)) {
    case 'http':
      return [{ ...base, http_health_check: { path: hc.path ?? '/' } }];
    case 'http2':
      return [{ ...base, http_health_check: { path: hc.path ?? '/', codec_client_type: 'HTTP2' } }];
    case 'grpc':
      return [{ ...base, grpc_health_check: {} }];
    case 'tcp':
      return [{ ...base, tcp_health_check: {} }];
  }
}

export function outlierDetection(od: OutlierDetection | undefined): JsonObject | undefined {
  if (!od) return undefined;
  const interval = durationToMillis(od.interval);
  const ejection = durationToMillis(od.baseEjectionDuration);
  return compact({
    consecutive_5xx: od.maxServerErrors,
    interval: interval === undefined ? undefined : envoyDuration(interval),
    base_ejection_time: ejection === undefined ? undefined : envoyDuration(ejection),
    max_ejection_percent: od.maxEjectionPercent,
  });
}

const LOOKUP_FAMILY: Record<NonNullable<NonNullable<MeshSpec['serviceDiscovery']>['ipPreference']>, string> = {
  IPv4_ONLY: 'V4_ONLY',
  IPv6_ONLY: 'V6_ONLY',
  IPv4_PREFERRED: 'V4_PREFERRED',
  // AUTO asks for IPv6 first and falls back to IPv4: Envoy's IPv6-preferred.
  IPv6_PREFERRED: 'AUTO',
};

export function dnsLookupFamily(ctx: MeshContext, node: NodeItem): string | undefined {
  const pref = node.spec.serviceDiscovery?.dns?.ipPreference ?? ctx.meshIpPreference;
  return pref ? LOOKUP_FAMILY[pref] : undefined;
}

/** One static endpoint next to the proxy (HTTP/2 for http2 and grpc), limited by a connection pool. */
export function staticCluster(name: string, address: string, port: number, protocol: PortProtocol, pool: ConnectionPool | undefined): EnvoyResource {
  return {
    '@type': TYPE.cluster,
    ...compact({
      name,
      type: 'STATIC',
      connect_timeout: CONNECT_TIMEOUT,
      load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [endpoint(address, port, undefined)] }] },
      circuit_breakers: circuitBreakers(pool),
      typed_extension_protocol_options: isHttp2(protocol) ? http2ProtocolOptions() : undefined,
    }),
    name,
  };
}

/** The local app: a static endpoint next to the proxy, limited by the listener's connection pool. */
export function ingressCluster(ctx: CompileContext, listener: Listener): EnvoyResource {
  const { port, protocol } = listener.portMapping;
  const name = names.ingressCluster(ctx.meshName, ctx.self.virtualNodeName, protocol, port);
  return staticCluster(name, ctx.opts.localAppAddress, port, protocol, listener.connectionPool);
}

/**
 * A target node's listener as seen from a caller: resolved by the node's DNS name, checked by its
 * health check, with its outlier detection and connection pool. Undefined when Envoy cannot reach
 * the node (no DNS service discovery); the caller reports why.
 */
export function egressCluster(ctx: MeshContext, node: NodeItem, listener: Listener, transportSocket?: JsonObject): EnvoyResource | undefined {
  // Keyed by every input buildEgressCluster reads (mesh items are immutable): a change elsewhere in the
  // mesh leaves the node's item, and so its clusters, the same objects, which the xDS encoder knows by identity.
  let byListener = egressClusters.get(node);
  if (!byListener) egressClusters.set(node, (byListener = new WeakMap()));
  let byRest = byListener.get(listener);
  if (!byRest) byListener.set(listener, (byRest = new Map()));
  const key = `${ctx.meshName}\0${ctx.meshIpPreference ?? ''}\0${transportSocket ? JSON.stringify(transportSocket) : ''}`;
  if (byRest.has(key)) return byRest.get(key);
  const cluster = buildEgressCluster(ctx, node, listener, transportSocket);
  byRest.set(key, cluster);
  return cluster;
}

const egressClusters = new WeakMap<NodeItem, WeakMap<Listener, Map<string, EnvoyResource | undefined>>>();

function buildEgressCluster(ctx: MeshContext, node: NodeItem, listener: Listener, transportSocket: JsonObject | undefined): EnvoyResource | undefined {
  const dns = node.spec.serviceDiscovery?.dns;
  if (!dns) return undefined;
  const { port, protocol } = listener.portMapping;
  const name = names.egressCluster(ctx.meshName, node.virtualNodeName, protocol, port);
  const hc = listener.healthCheck;
  const hcPort = hc?.port !== undefined && hc.port !== port ? hc.port : undefined;
  return {
    '@type': TYPE.cluster,
    ...compact({
      name,
      // ENDPOINTS balances over every address DNS returns; LOADBALANCER keeps one (App Mesh's default).
      type: dns.responseType === 'ENDPOINTS' ? 'STRICT_DNS' : 'LOGICAL_DNS',
      connect_timeout: CONNECT_TIMEOUT,
      dns_lookup_family: dnsLookupFamily(ctx, node),
      load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [endpoint(dns.hostname, port, hcPort)] }] },
      health_checks: healthChecks(hc, protocol),
      outlier_detection: outlierDetection(listener.outlierDetection),
      circuit_breakers: circuitBreakers(listener.connectionPool),
      typed_extension_protocol_options: isHttp2(protocol) ? http2ProtocolOptions() : undefined,
      transport_socket: transportSocket,
    }),
    name,
  };
}

/** The DNS cache of ALLOW_ALL, shared by its cluster and its HTTP filter (Envoy requires the same config). */
export function allowAllDnsCache(ctx: Pick<TargetContext, 'meshIpPreference'>): JsonObject {
  return { name: 'egress_allow_all', dns_lookup_family: ctx.meshIpPreference === 'IPv6_ONLY' ? 'V6_ONLY' : 'V4_PREFERRED' };
}

/** ALLOW_ALL: unknown hosts go where their Host header says, resolved by DNS when it is a name. */
export function allowAllCluster(ctx: MeshContext): EnvoyResource {
  return {
    '@type': TYPE.cluster,
    name: names.allowAllCluster(ctx.meshName),
    connect_timeout: CONNECT_TIMEOUT,
    lb_policy: 'CLUSTER_PROVIDED',
    cluster_type: {
      name: 'envoy.clusters.dynamic_forward_proxy',
      typed_config: { '@type': TYPE.dynamicForwardProxyCluster, dns_cache_config: allowAllDnsCache(ctx) },
    },
  };
}
