// A gateway listener's route configuration: gateway routes grouped into virtual hosts by their
// hostname match. Envoy picks one virtual host per request (exact domain, then the longest `*`
// suffix, then `*`) and only tries its routes, so each host's virtual host also carries every route
// that would match that host in App Mesh: suffix routes the host ends with and routes without hostname.
import type { GatewayListenerPlan, GatewayPlanRoute } from '../resolve/gateway-plan';
import { gatewayRouteEntries } from './gateway-route-entries';
import { TYPE, byString, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';

type HostMatch = { exact: string } | { suffix: string } | undefined;

function hostMatchOf(r: GatewayPlanRoute): HostMatch {
  const spec = r.route.spec;
  const hostname = (spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute)?.match.hostname;
  // Envoy compares domains without regard to case, as DNS does.
  if (hostname?.exact !== undefined) return { exact: hostname.exact.toLowerCase() };
  if (hostname?.suffix !== undefined) return { suffix: hostname.suffix.toLowerCase() };
  return undefined;
}

/** Whether a route with host match `m` matches requests for `host`, or for every `<something>suffix`. */
function matchesExact(m: HostMatch, host: string): boolean {
  return m === undefined || ('exact' in m ? m.exact === host : host.endsWith(m.suffix));
}
function matchesSuffix(m: HostMatch, suffix: string): boolean {
  return m === undefined || ('suffix' in m && suffix.endsWith(m.suffix));
}

/**
 * The virtual hosts of one listener: one per exact host (an App Mesh suffix also matches the host
 * that equals it), one per suffix (Envoy's `*<suffix>`, which needs at least one character before
 * the suffix), and `*`. Domains come with and without the listener port, as clients send either.
 */
export function gatewayVirtualHosts(port: number, routes: GatewayPlanRoute[], cluster: string, stats = false): JsonObject[] {
  // Built once per route: a route without hostname stands in every virtual host.
  const matches = routes.map((r) => ({ m: hostMatchOf(r), entries: gatewayRouteEntries(r, cluster, stats) }));
  const exacts = new Set<string>();
  const suffixes = new Set<string>();
  for (const { m } of matches) {
    if (m && 'exact' in m) exacts.add(m.exact);
    if (m && 'suffix' in m) {
      // `example.com` ends with `example.com`; `.example.com` is no host of its own.
      if (!m.suffix.startsWith('.')) exacts.add(m.suffix);
      suffixes.add(m.suffix);
    }
  }
  const entries = (keep: (m: HostMatch) => boolean) => matches.filter(({ m }) => keep(m)).flatMap((x) => x.entries);
  const hosts: JsonObject[] = [];
  for (const host of [...exacts].sort(byString)) {
    hosts.push({ name: `${port}_${host}`, domains: [host, `${host}:${port}`], routes: entries((m) => matchesExact(m, host)) });
  }
  for (const suffix of [...suffixes].sort(byString)) {
    hosts.push({ name: `${port}_*${suffix}`, domains: [`*${suffix}`, `*${suffix}:${port}`], routes: entries((m) => matchesSuffix(m, suffix)) });
  }
  hosts.push({ name: `${port}_*`, domains: ['*'], routes: entries((m) => m === undefined) });
  return hosts;
}

/** The route configuration of a gateway listener, every route sending to the listener's self-redirect cluster. */
export function gatewayRouteConfig(planned: GatewayListenerPlan, cluster: string, stats = false): EnvoyResource {
  const { port } = planned.listener.portMapping;
  return {
    '@type': TYPE.routeConfiguration,
    name: names.ingressRoutes(port),
    virtual_hosts: gatewayVirtualHosts(port, planned.routes, cluster, stats),
  };
}
