import type { GatewayRouteSpec, RouteSpec } from '@meshwright/model';

/** The route's protocol and match in a few words, such as `http /cart`, for the node's second line. */
export function routeSummary(spec: RouteSpec): string {
  if (spec.httpRoute) return `http ${httpMatch(spec.httpRoute.match)}`.trim();
  if (spec.http2Route) return `http2 ${httpMatch(spec.http2Route.match)}`.trim();
  if (spec.grpcRoute) {
    const { serviceName, methodName } = spec.grpcRoute.match;
    return `grpc ${[serviceName, methodName].filter(Boolean).join('/')}`.trim();
  }
  if (spec.tcpRoute) return 'tcp';
  return '';
}

/** A gateway route's match in a few words, such as `/chapter` or `api.example.com/v2`, for its edge's label. */
export function gatewayRouteSummary(spec: GatewayRouteSpec): string {
  const match = spec.httpRoute?.match ?? spec.http2Route?.match;
  const hostname = (match ?? spec.grpcRoute?.match)?.hostname;
  const host = hostname?.exact ?? (hostname?.suffix === undefined ? '' : `*${hostname.suffix}`);
  const path = match ? httpMatch(match) : (spec.grpcRoute?.match.serviceName ?? '');
  return `${host}${path}`;
}

function httpMatch(match: { prefix?: string; path?: { exact?: string; regex?: string } }): string {
  return match.prefix ?? match.path?.exact ?? match.path?.regex ?? '';
}

/** Each target's share of the route's traffic as a whole percentage ("80%"); 0% when no weight is set. */
export function sharePercentages(weights: number[]): string[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => `${total > 0 ? Math.round((w * 100) / total) : 0}%`);
}
