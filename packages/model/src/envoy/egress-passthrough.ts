// ALLOW_ALL on the redirected egress listener: connections that are not HTTP and not to a TCP backend's
// port go on to their original destination (an ORIGINAL_DST cluster), so TLS to :443 on the internet, or
// any other TCP, works through the redirection without excluding its port. DROP_ALL keeps the HTTP chain
// as the only default, so those connections are closed (the connection manager refuses non-HTTP bytes).
import type { CompileContext } from './context';
import { tcpProxy } from './filters';
import { TYPE, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';

/** HTTP/1.x and prior-knowledge HTTP/2 (gRPC) as the HTTP inspector reports them. */
const HTTP_PROTOCOLS = ['http/1.0', 'http/1.1', 'h2c'];

/**
 * How long the HTTP inspector waits for the first bytes before treating the connection as non-HTTP; a
 * server-first protocol (SMTP, MySQL) would otherwise never be told apart. Istio used the same 100 ms.
 */
export const PROTOCOL_DETECTION_TIMEOUT = '0.1s';

export function passthroughCluster(ctx: Pick<CompileContext, 'meshName'>): EnvoyResource {
  return {
    '@type': TYPE.cluster,
    name: names.passthroughCluster(ctx.meshName),
    type: 'ORIGINAL_DST',
    lb_policy: 'CLUSTER_PROVIDED',
    connect_timeout: '1s',
  };
}

/**
 * The egress listener's filters and chains with passthrough: TCP backends by port (the inspector skips
 * them: TCP backends may be server-first), the mesh's HTTP backend ports by port too (the inspector skips
 * them: a client slower than the detection timeout to send its request must still be routed, not passed
 * through), other HTTP by application protocol, and a connection made to the egress port itself that is
 * not HTTP closed (no filters), since passing it to its original destination, Envoy's own listener, would loop.
 */
export function passthroughEgress(ctx: CompileContext, httpChain: JsonObject & { filters: JsonObject[] }, tcpChains: JsonObject[], tcpPorts: number[], httpPorts: number[]): JsonObject {
  const inspector: JsonObject = { name: 'envoy.filters.listener.http_inspector', typed_config: { '@type': TYPE.httpInspector } };
  const known = [...tcpPorts, ...httpPorts];
  if (known.length > 0) {
    const rules = known.map((p) => ({ destination_port_range: { start: p, end: p + 1 } }));
    inspector.filter_disabled = rules.length === 1 ? (rules[0] ?? {}) : { or_match: { rules } };
  }
  const http = (name: string, match: JsonObject) => ({ name, filter_chain_match: { ...match, application_protocols: HTTP_PROTOCOLS }, filters: httpChain.filters });
  const cluster = names.passthroughCluster(ctx.meshName);
  return {
    listener_filters: [{ name: 'envoy.filters.listener.original_dst', typed_config: { '@type': TYPE.originalDstListenerFilter } }, inspector],
    listener_filters_timeout: PROTOCOL_DETECTION_TIMEOUT,
    continue_on_listener_filters_timeout: true,
    filter_chains: [
      ...tcpChains,
      ...httpPorts.map((p) => ({ name: `egress_http_${p}`, filter_chain_match: { destination_port: p }, filters: httpChain.filters })),
      http('egress_http', {}),
      http('egress_http_direct', { destination_port: ctx.opts.egressPort }),
      { name: 'egress_direct_not_http', filter_chain_match: { destination_port: ctx.opts.egressPort }, filters: [] },
    ],
    default_filter_chain: { name: 'egress_passthrough', filters: [tcpProxy(ctx, 'egress_passthrough', { cluster }, undefined)] },
  };
}
