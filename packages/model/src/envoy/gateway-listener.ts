// A gateway's listeners: one per gateway listener on its own port (no traffic redirection, so no
// original-destination matching), plain, TLS only (STRICT) or both (PERMISSIVE), each routing its
// gateway routes to a self-redirect cluster: the gateway's own egress listener on the loopback.
import type { GatewayListenerPlan } from '../resolve/gateway-plan';
import { staticCluster } from './cluster';
import type { EnvoyContext } from './context';
import { httpConnectionManager, socketAddress } from './filters';
import { gatewayRouteConfig } from './gateway-route-config';
import { TYPE, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';
import { downstreamTls } from './tls';
import { TLS_INSPECTOR, type ListenerOutput } from './listener';

export interface GatewayContext extends EnvoyContext {
  gatewayName: string;
  /** Whether the gateway has several listeners: App Mesh then names the listener port in cluster names. */
  severalListeners: boolean;
}

/**
 * The hop from one gateway listener to the gateway's egress, limited by the listener's connection
 * pool; HTTP/2 and gRPC stay HTTP/2 on the hop, so streams and trailers pass unchanged.
 */
function selfRedirectCluster(ctx: GatewayContext, planned: GatewayListenerPlan): EnvoyResource {
  const { port, protocol } = planned.listener.portMapping;
  const egress = ctx.opts.egressPort;
  const name = names.selfRedirectCluster(ctx.meshName, ctx.gatewayName, protocol, egress, ctx.severalListeners ? port : undefined);
  return staticCluster(name, ctx.opts.localAppAddress, egress, protocol, planned.listener.connectionPool);
}

/** The listener of one gateway listener, with its route configuration and self-redirect cluster; none when its TLS cannot be compiled. */
export function gatewayListener(ctx: GatewayContext, planned: GatewayListenerPlan, out: ListenerOutput): void {
  const { listener, index } = planned;
  const { port, protocol } = listener.portMapping;
  const name = `ingress_${protocol}_${port}`;
  const tls = listener.tls && listener.tls.mode !== 'DISABLED' ? listener.tls : undefined;
  let socket: JsonObject | undefined;
  if (tls) {
    const result = downstreamTls(tls, protocol);
    if ('problem' in result) {
      ctx.diag.error('compile.tls-unsupported', { kind: 'virtualGateway', name: ctx.gatewayName }, `spec.listeners[${index}].${result.path}`,
        `${result.problem}; compile left the listener on port ${port} out rather than accept plain text`);
      return;
    }
    socket = result.socket;
  }
  const cluster = selfRedirectCluster(ctx, planned);
  // ADS proxies stream their stats to meshwright: each gateway route counts on its own there.
  const routes = gatewayRouteConfig(planned, cluster.name, ctx.opts.mode === 'ads');
  out.clusters.push(cluster);
  out.routes.push(routes);
  const filters = [httpConnectionManager(ctx, name, routes)];
  let chains: JsonObject[];
  if (!socket || !tls) chains = [{ name, filters }];
  else if (tls.mode === 'STRICT') chains = [{ name: `${name}_tls`, transport_socket: socket, filters }];
  else chains = [{ name: `${name}_tls`, filter_chain_match: { transport_protocol: 'tls' }, transport_socket: socket, filters }, { name, filters }];
  out.listeners.push({
    '@type': TYPE.listener,
    name: names.ingressListener(ctx.opts.listenerAddress, port),
    address: socketAddress(ctx.opts.listenerAddress, port),
    ...(tls?.mode === 'PERMISSIVE' ? { listener_filters: [TLS_INSPECTOR] } : {}),
    filter_chains: chains,
  });
}
