// The order a gateway's routes are tried in: App Mesh's (priority, then longest prefix), made total
// so that Envoy, which takes the first route that matches, sees the same order every time (ADR 006).
import type { GatewayRouteSpec } from '../gateway-route/schema';
import type { GatewayRouteItem } from './gateway-plan';

/** How a route's path is matched, most specific first: an exact path, a prefix, a regex, everything. */
const PATH_RANK = { exact: 0, prefix: 1, regex: 2, all: 3 } as const;

/** The path part of a gateway route's match: its kind and the length that orders prefixes. */
export function gatewayPathMatch(spec: GatewayRouteSpec): { kind: keyof typeof PATH_RANK; value: string } {
  const http = spec.httpRoute ?? spec.http2Route;
  if (http) {
    const { path, prefix } = http.match;
    if (path?.exact !== undefined) return { kind: 'exact', value: path.exact };
    if (path?.regex !== undefined) return { kind: 'regex', value: path.regex };
    // A match with only a port (or only headers, hostname...) matches every path.
    const p = prefix ?? '/';
    return p === '/' ? { kind: 'all', value: '/' } : { kind: 'prefix', value: p };
  }
  const service = spec.grpcRoute?.match.serviceName;
  return service === undefined ? { kind: 'all', value: '/' } : { kind: 'prefix', value: `/${service}/` };
}

/** Conditions beside the path; on a tie, the route asking more is tried first so it is not shadowed. */
function conditionCount(spec: GatewayRouteSpec): number {
  const http = spec.httpRoute ?? spec.http2Route;
  if (http) {
    const m = http.match;
    return (m.headers?.length ?? 0) + (m.queryParameters?.length ?? 0) + (m.method ? 1 : 0) + (m.hostname ? 1 : 0);
  }
  const m = spec.grpcRoute?.match;
  return (m?.metadata?.length ?? 0) + (m?.hostname ? 1 : 0);
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Priority first (routes without one after every prioritised route), then exact paths, prefixes
 * longest first, regexes, and match-all routes; then the route with more conditions; then by name.
 */
export function byGatewayRouteOrder(a: GatewayRouteItem, b: GatewayRouteItem): number {
  const pa = gatewayPathMatch(a.spec);
  const pb = gatewayPathMatch(b.spec);
  return (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001)
    || PATH_RANK[pa.kind] - PATH_RANK[pb.kind]
    || (pa.kind === 'prefix' ? pb.value.length - pa.value.length : 0)
    || conditionCount(b.spec) - conditionCount(a.spec)
    || byString(a.gatewayRouteName, b.gatewayRouteName);
}
