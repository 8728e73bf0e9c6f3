// The egress side: one HTTP listener routing by Host to the node's backends, one TCP listener per
// TCP backend port, and the mesh's egress filter for every other host.
import type { CompileContext } from './context';
import { tcpPortDestination, httpPortRoutes } from './egress-routes';
import { httpConnectionManager, socketAddress, tcpProxy } from './filters';
import { TYPE, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';

export interface EgressOutput {
  listeners: EnvoyResource[];
  clusters: EnvoyResource[];
  routes: EnvoyResource[];
}

const DROP_ALL_BODY = 'meshwright: this host is not a backend of this virtual node, and the mesh egress filter is DROP_ALL\n';

/** ALLOW_ALL: unknown hosts go where their Host header says, resolved by DNS when it is a name. */
function allowAll(ctx: CompileContext): { cluster: EnvoyResource; filter: JsonObject } {
  const dnsCache: JsonObject = { name: 'egress_allow_all', dns_lookup_family: ctx.meshIpPreference === 'IPv6_ONLY' ? 'V6_ONLY' : 'V4_PREFERRED' };
  const name = names.allowAllCluster(ctx.meshName);
  return {
    cluster: {
      '@type': TYPE.cluster,
      name,
      connect_timeout: '1s',
      lb_policy: 'CLUSTER_PROVIDED',
      cluster_type: {
        name: 'envoy.clusters.dynamic_forward_proxy',
        typed_config: { '@type': TYPE.dynamicForwardProxyCluster, dns_cache_config: dnsCache },
      },
    },
    filter: {
      name: 'envoy.filters.http.dynamic_forward_proxy',
      typed_config: { '@type': TYPE.dynamicForwardProxyFilter, dns_cache_config: dnsCache },
    },
  };
}

export function compileEgress(ctx: CompileContext): EgressOutput {
  const out: EgressOutput = { listeners: [], clusters: [], routes: [] };
  const virtualHosts: JsonObject[] = [];
  const tcpPorts: { service: string; port: number; destination: JsonObject; idle: string | undefined }[] = [];
  for (const backend of ctx.plan.backends) {
    const ports = backend.ports;
    const httpPorts = ports.filter((p) => p.protocol !== 'tcp');
    httpPorts.forEach((p, j) => {
      const withPort = `${backend.name}:${p.port}`;
      virtualHosts.push({
        name: httpPorts.length === 1 ? backend.name : withPort,
        // The bare name (no port in Host) goes to the service's lowest HTTP port.
        domains: j === 0 ? [backend.name, withPort] : [withPort],
        routes: httpPortRoutes(ctx, p, backend.backend),
      });
    });
    for (const p of ports.filter((q) => q.protocol === 'tcp')) {
      const dest = tcpPortDestination(ctx, p, backend.backend);
      if (dest) tcpPorts.push({ service: backend.name, port: p.port, ...dest });
    }
  }
  const egressFilter = ctx.meshEgressFilter;
  const httpFilters: JsonObject[] = [];
  if (egressFilter === 'ALLOW_ALL') {
    const a = allowAll(ctx);
    out.clusters.push(a.cluster);
    httpFilters.push(a.filter);
    virtualHosts.push({ name: 'egress_allow_all', domains: ['*'], routes: [{ name: 'allow_all', match: { prefix: '/' }, route: { cluster: a.cluster.name } }] });
  } else {
    virtualHosts.push({
      name: 'egress_drop_all',
      domains: ['*'],
      routes: [{ name: 'drop_all', match: { prefix: '/' }, direct_response: { status: 404, body: { inline_string: DROP_ALL_BODY } } }],
    });
  }
  const routes: EnvoyResource = { '@type': TYPE.routeConfiguration, name: names.egressRoutes(ctx.opts.egressPort), virtual_hosts: virtualHosts };
  out.routes.push(routes);
  const address = ctx.opts.listenerAddress;
  out.listeners.push({
    '@type': TYPE.listener,
    name: names.egressListener(address, ctx.opts.egressPort),
    address: socketAddress(address, ctx.opts.egressPort),
    filter_chains: [{ name: 'egress_http', filters: [httpConnectionManager(ctx, 'egress', routes, httpFilters)] }],
  });
  tcpPorts.forEach((t, i) => {
    const statPrefix = `egress_tcp_${t.service}_${t.port}`;
    out.listeners.push({
      '@type': TYPE.listener,
      name: names.egressTcpListener(t.service, t.port),
      address: socketAddress(address, ctx.opts.tcpEgressBase + i),
      filter_chains: [{ name: statPrefix, filters: [tcpProxy(ctx, statPrefix, t.destination, t.idle)] }],
    });
  });
  return out;
}
