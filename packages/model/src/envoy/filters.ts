// Network filters shared by the ingress and egress listeners.
import { withGrpcAccessLog } from './access-log';
import { allowAllDnsCache } from './cluster';
import type { EnvoyContext } from './context';

/** What a connection manager or TCP proxy reads of its proxy: the options and the access log. */
type ServeContext = Pick<EnvoyContext, 'opts' | 'accessLog'>;
import { TYPE, compact, untyped, type EnvoyResource, type JsonObject, type JsonValue } from './json';

const routerFilter: JsonObject = { name: 'envoy.filters.http.router', typed_config: { '@type': TYPE.router } };

/**
 * An HTTP connection manager for a route configuration: inline in a static bootstrap, fetched by
 * RDS over the ADS stream otherwise. AUTO codec: HTTP/1.1 and HTTP/2 (h2c) on the same port.
 * `logged: false` (a gateway's loopback hop) writes no access log at all, file or gRPC.
 */
export function httpConnectionManager(ctx: ServeContext, statPrefix: string, routes: EnvoyResource, httpFilters: JsonObject[] = [], logged = true): JsonObject {
  const source =
    ctx.opts.mode === 'ads'
      ? { rds: { config_source: { ads: {}, resource_api_version: 'V3' }, route_config_name: routes.name } }
      : { route_config: untyped(routes) };
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typed_config: {
      '@type': TYPE.httpConnectionManager,
      ...compact({
        stat_prefix: statPrefix,
        codec_type: 'AUTO',
        ...source,
        http_filters: [...httpFilters, routerFilter],
        access_log: logged ? withGrpcAccessLog(ctx, 'http') : undefined,
      }),
    },
  };
}

/** A TCP proxy to one cluster or a weighted set of clusters. */
export function tcpProxy(ctx: ServeContext, statPrefix: string, destination: JsonObject, idleTimeout: string | undefined): JsonObject {
  const config: Record<string, JsonValue | undefined> = {
    stat_prefix: statPrefix,
    ...destination,
    idle_timeout: idleTimeout,
    access_log: withGrpcAccessLog(ctx, 'tcp'),
  };
  return { name: 'envoy.filters.network.tcp_proxy', typed_config: { '@type': TYPE.tcpProxy, ...compact(config) } };
}

export function socketAddress(address: string, port: number): JsonObject {
  return { socket_address: { address, port_value: port } };
}

/** ALLOW_ALL's HTTP filter: resolves the Host of a request for the allow-all cluster. */
export function dynamicForwardProxyFilter(ctx: Pick<EnvoyContext, 'meshIpPreference'>): JsonObject {
  return { name: 'envoy.filters.http.dynamic_forward_proxy', typed_config: { '@type': TYPE.dynamicForwardProxyFilter, dns_cache_config: allowAllDnsCache(ctx) } };
}
