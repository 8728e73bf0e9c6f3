// Listeners: the ingress one (traffic for the node's app, limited and logged, forwarded to 127.0.0.1), the
// egress one (HTTP routed by Host, redirected TCP by original destination port), and one TCP listener per
// TCP backend port for apps that call it on localhost. The egress is built from each backend's part
// (backendEgress), which compile keeps and hands back while what it was built from is unchanged.
import { durationToMillis } from '../common/duration';
import type { IngressPort, PlanBackend } from '../resolve/plan';
import { ingressCluster } from './cluster';
import type { CompileContext, TargetContext } from './context';
import { passthroughEgress } from './egress-passthrough';
import { dynamicForwardProxyFilter, httpConnectionManager, socketAddress, tcpProxy } from './filters';
import { TYPE, byString, envoyDuration, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';
import { backendVirtualHosts, ingressRouteConfig, tcpPortDestination } from './route-config';
import { downstreamTls } from './tls';

export interface ListenerOutput {
  listeners: EnvoyResource[];
  clusters: EnvoyResource[];
  routes: EnvoyResource[];
}

const millis = (d: Parameters<typeof durationToMillis>[0]) => {
  const ms = durationToMillis(d);
  return ms === undefined ? undefined : envoyDuration(ms);
};

export const TLS_INSPECTOR = { name: 'envoy.filters.listener.tls_inspector', typed_config: { '@type': TYPE.tlsInspector } };

/** The network filter that serves one node listener: a connection manager or a TCP proxy. */
function serveFilter(ctx: CompileContext, { listener, timeout: t }: IngressPort, out: ListenerOutput): JsonObject {
  const { port, protocol } = listener.portMapping;
  const cluster = ingressCluster(ctx, listener);
  out.clusters.push(cluster);
  const timeout = { perRequest: millis(t.perRequest), idle: millis(t.idle) };
  const statPrefix = `ingress_${protocol}_${port}`;
  if (protocol === 'tcp') return tcpProxy(ctx, statPrefix, { cluster: cluster.name }, timeout.idle);
  const routes = ingressRouteConfig(port, cluster.name, timeout);
  out.routes.push(routes);
  return httpConnectionManager(ctx, statPrefix, routes);
}

/**
 * The filter chains of one node listener: plain; TLS only (STRICT); or TLS and plain side by side,
 * told apart by the TLS inspector (PERMISSIVE). None when TLS is asked for but cannot be compiled.
 */
function filterChains(ctx: CompileContext, ingress: IngressPort, out: ListenerOutput): { chains: JsonObject[]; inspectTls: boolean } {
  const { listener, index } = ingress;
  const { port, protocol } = listener.portMapping;
  const name = `ingress_${protocol}_${port}`;
  const tls = listener.tls;
  if (!tls || tls.mode === 'DISABLED') return { chains: [{ name, filters: [serveFilter(ctx, ingress, out)] }], inspectTls: false };
  const result = downstreamTls(tls, protocol);
  if ('problem' in result) {
    ctx.diag.error('compile.tls-unsupported', { kind: 'virtualNode', name: ctx.self.virtualNodeName }, `spec.listeners[${index}].${result.path}`,
      `${result.problem}; compile left the listener on port ${port} out rather than accept plain text`);
    return { chains: [], inspectTls: false };
  }
  const filter = serveFilter(ctx, ingress, out);
  const tlsChain = { name: `${name}_tls`, filter_chain_match: { transport_protocol: 'tls' }, transport_socket: result.socket, filters: [filter] };
  if (tls.mode === 'STRICT') return { chains: [{ ...tlsChain, filter_chain_match: {} }], inspectTls: false };
  return { chains: [tlsChain, { name, filters: [filter] }], inspectTls: true };
}

/**
 * One ingress listener for all of the node's ports. With several ports, each filter chain matches
 * its port as the original destination (traffic redirected by iptables, as App Mesh does it), and
 * the lowest port also serves connections made to the ingress port directly.
 */
export function compileIngress(ctx: CompileContext, ports: IngressPort[]): ListenerOutput {
  const out: ListenerOutput = { listeners: [], clusters: [], routes: [] };
  const perPort: { port: number; chains: JsonObject[] }[] = [];
  let inspectTls = false;
  for (const ingress of ports) {
    const built = filterChains(ctx, ingress, out);
    inspectTls ||= built.inspectTls;
    if (built.chains.length > 0) perPort.push({ port: ingress.listener.portMapping.port, chains: built.chains });
  }
  const first = perPort[0];
  if (!first) return out;
  const several = perPort.length > 1;
  const withPort = (chain: JsonObject, port: number): JsonObject => {
    const match = (chain.filter_chain_match ?? {}) as JsonObject;
    const merged = several ? { destination_port: port, ...match } : match;
    const { filter_chain_match: _m, ...rest } = chain;
    return Object.keys(merged).length > 0 ? { ...rest, filter_chain_match: merged } : rest;
  };
  const listenerFilters: JsonObject[] = [];
  if (several) listenerFilters.push({ name: 'envoy.filters.listener.original_dst', typed_config: { '@type': TYPE.originalDstListenerFilter } });
  if (inspectTls) listenerFilters.push(TLS_INSPECTOR);
  const name = names.ingressListener(ctx.opts.listenerAddress, ctx.opts.ingressPort);
  const fallback = first.chains[first.chains.length - 1];
  const defaultChain = fallback ? (({ filter_chain_match: _m, ...rest }: JsonObject) => ({ ...rest, name: 'ingress_default' }))(fallback) : undefined;
  out.listeners.push({
    '@type': TYPE.listener,
    name,
    address: socketAddress(ctx.opts.listenerAddress, ctx.opts.ingressPort),
    ...(listenerFilters.length > 0 ? { listener_filters: listenerFilters } : {}),
    filter_chains: perPort.flatMap(({ port, chains }) => chains.map((c) => withPort(c, port))),
    // Connections made to the ingress port itself (no redirect) go to the lowest port.
    ...(several && defaultChain ? { default_filter_chain: defaultChain } : {}),
  });
  out.clusters.sort((a, b) => byString(a.name, b.name));
  out.routes.sort((a, b) => byString(a.name, b.name));
  return out;
}

/** A TCP port of a backend service and where its traffic goes. */
export interface TcpDestination {
  service: string;
  port: number;
  destination: JsonObject;
  idle: string | undefined;
}

/** What one backend service adds to a node's egress: its virtual hosts, its TCP ports' destinations, its HTTP ports. */
export interface BackendEgress {
  virtualHosts: JsonObject[];
  tcp: TcpDestination[];
  httpPorts: number[];
}

/** A backend's part of the egress; it reads nothing of the calling node (a node's compile shares it between callers). */
export function backendEgress(ctx: TargetContext, backend: PlanBackend): BackendEgress {
  const virtualHosts = backendVirtualHosts(ctx, backend);
  const tcp: TcpDestination[] = [];
  for (const p of backend.ports.filter((q) => q.protocol === 'tcp')) {
    const dest = tcpPortDestination(ctx, p, backend.backend);
    if (dest) tcp.push({ service: backend.name, port: p.port, ...dest });
  }
  return { virtualHosts, tcp, httpPorts: backend.ports.filter((q) => q.protocol !== 'tcp').map((q) => q.port) };
}

/**
 * The egress listener (its route configuration by RDS or inline) and a TCP listener per TCP backend port.
 * Redirected traffic all reaches the egress port: with TCP backends, the original destination's port
 * picks a TCP proxy chain (TCP has no Host to route by), and everything else falls to the HTTP chain.
 * `allowAll`: the ALLOW_ALL cluster's name, when the mesh forwards hosts that are not backends.
 */
export function egressListeners(ctx: CompileContext, backends: BackendEgress[], routes: EnvoyResource, allowAll: string | undefined): EnvoyResource[] {
  const listeners: EnvoyResource[] = [];
  const tcpPorts = backends.flatMap((b) => b.tcp);
  const address = ctx.opts.listenerAddress;
  const httpFilters = allowAll ? [dynamicForwardProxyFilter(ctx)] : [];
  const httpChain = { name: 'egress_http', filters: [httpConnectionManager(ctx, 'egress', routes, httpFilters)] };
  const statPrefix = (t: { service: string; port: number }) => `egress_tcp_${t.service}_${t.port}`;
  // Only the port of the original destination tells TCP backends apart, so the first one (in name order) takes it.
  const byPort = new Map<number, TcpDestination>();
  for (const t of tcpPorts) {
    const owner = byPort.get(t.port);
    if (!owner) byPort.set(t.port, t);
    else ctx.diag.warn('compile.tcp-route-shadowed', { kind: 'virtualNode', name: ctx.self.virtualNodeName }, 'spec.backends',
      `TCP backends are told apart by port only: "${owner.service}" takes redirected traffic to port ${t.port}, not "${t.service}" (its own listener still serves it)`);
  }
  const tcpChains = [...byPort.values()].map((t) => ({
    name: statPrefix(t),
    filter_chain_match: { destination_port: t.port },
    filters: [tcpProxy(ctx, statPrefix(t), t.destination, t.idle)],
  }));
  // The mesh's HTTP backend ports a TCP backend does not take (nor the egress port, which has its own chains).
  const httpPorts = [...new Set(backends.flatMap((b) => b.httpPorts))]
    .filter((p) => !byPort.has(p) && p !== ctx.opts.egressPort).sort((a, b) => a - b);
  listeners.push({
    '@type': TYPE.listener,
    name: names.egressListener(address, ctx.opts.egressPort),
    address: socketAddress(address, ctx.opts.egressPort),
    ...(allowAll ? passthroughEgress(ctx, httpChain, tcpChains, [...byPort.keys()], httpPorts) : tcpChains.length > 0
      ? {
        listener_filters: [{ name: 'envoy.filters.listener.original_dst', typed_config: { '@type': TYPE.originalDstListenerFilter } }],
        filter_chains: tcpChains,
        default_filter_chain: httpChain,
      }
      : { filter_chains: [httpChain] }),
  });
  // Kept for callers that are not redirected: an app configured to call 127.0.0.1:<port> for its TCP backend.
  tcpPorts.forEach((t, i) => {
    listeners.push({
      '@type': TYPE.listener,
      name: names.egressTcpListener(t.service, t.port),
      address: socketAddress(address, ctx.opts.tcpEgressBase + i),
      filter_chains: [{ name: statPrefix(t), filters: [tcpProxy(ctx, statPrefix(t), t.destination, t.idle)] }],
    });
  });
  return listeners;
}
