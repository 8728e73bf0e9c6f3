// One gateway route as Envoy routes on the gateway listener: its match, its rewrites (App Mesh's
// defaults: Host to the target service's name, the matched prefix to `/`) and the hop to the
// gateway's own egress, which routes to the target service like a virtual node's egress (ADR 006).
import type { HttpGatewayRoute } from '../gateway-route/schema';
import type { GatewayPlanRoute } from '../resolve/gateway-plan';
import { gatewayPathMatch } from '../resolve/gateway-order';
import { gatewayRouteStatPrefix } from '../traffic/stat-names';
import { compact, type JsonObject } from './json';
import { grpcRouteMatch, httpRouteMatch } from './route-match';

/** The header that tells the gateway's egress which target (`<service>:<port>`) a request is for. */
export const GATEWAY_TARGET_HEADER = 'x-meshwright-gateway-target';

export const gatewayTargetValue = (service: string, port: number) => `${service}:${port}`;

/** Path rewrites as `prefix_rewrite` values, by the path match they go with. */
interface Rewritten {
  path: JsonObject;
  prefixRewrite: string | undefined;
}

/**
 * Envoy's `prefix_rewrite` swaps "the matched prefix (or path)" (RouteAction.prefix_rewrite, Envoy v3
 * API reference): with a prefix match the prefix, with an exact or regex match the whole path, the
 * query string kept either way. So one field serves `rewrite.prefix` and `rewrite.path.exact`.
 */
function pathRewrites(http: HttpGatewayRoute): Rewritten[] {
  const { rewrite } = http.action;
  const match = gatewayPathMatch({ httpRoute: http });
  if (match.kind === 'exact' || match.kind === 'regex') {
    const path: JsonObject = match.kind === 'exact' ? { path: match.value } : { safe_regex: { regex: match.value } };
    return [{ path, prefixRewrite: rewrite?.path?.exact }];
  }
  const prefix = match.value;
  const value = rewrite?.prefix?.value ?? (rewrite?.prefix?.defaultPrefix === 'DISABLED' ? undefined : '/');
  if (value === undefined || (prefix === '/' && value === '/')) return [{ path: { prefix }, prefixRewrite: undefined }];
  if (prefix.endsWith('/')) return [{ path: { prefix }, prefixRewrite: value }];
  // Envoy's docs on prefix_rewrite: stripping a prefix without a trailing slash takes two routes, or
  // `/chapter/1` would become `//1`. `/chapter/...` loses `/chapter/`; `/chapter` itself becomes the value.
  const withSlash = value.endsWith('/') ? value : `${value}/`;
  return [
    { path: { prefix: `${prefix}/` }, prefixRewrite: withSlash },
    { path: { prefix }, prefixRewrite: value },
  ];
}

/**
 * The Envoy routes of one gateway route, every one sending to `cluster` (the gateway's egress); with
 * `stats` (ADS, whose Envoys stream stats to meshwright) each counts under the gateway route's name.
 */
export function gatewayRouteEntries(planned: GatewayPlanRoute, cluster: string, stats = false): JsonObject[] {
  const { route, target } = planned;
  const spec = route.spec;
  const http = spec.httpRoute ?? spec.http2Route;
  const grpc = spec.grpcRoute;
  const hostnameRewrite = (http ?? grpc)?.action.rewrite?.hostname?.defaultTargetHostname;
  const action = (prefixRewrite: string | undefined): JsonObject => compact({
    cluster,
    host_rewrite_literal: hostnameRewrite === 'DISABLED' ? undefined : target.service,
    prefix_rewrite: prefixRewrite,
    // The egress route's own timeout (the router route's, else Envoy's 15 s) applies; two would race.
    timeout: '0s',
  });
  const headersToAdd = [{
    header: { key: GATEWAY_TARGET_HEADER, value: gatewayTargetValue(target.service, target.port.port) },
    // A client cannot pick a target by sending the header itself.
    append_action: 'OVERWRITE_IF_EXISTS_OR_ADD',
  }];
  const entry = (match: JsonObject, prefixRewrite: string | undefined): JsonObject =>
    ({ name: route.gatewayRouteName, match, route: action(prefixRewrite), request_headers_to_add: headersToAdd, ...(stats ? { stat_prefix: gatewayRouteStatPrefix(route.gatewayRouteName) } : {}) });
  if (grpc) return [entry(grpcRouteMatch(grpc.match), undefined)];
  if (!http) return [];
  const { path: _path, prefix: _prefix, ...rest } = http.match;
  const conditions = httpRouteMatch({ ...rest, prefix: '/' });
  const { prefix: _p, ...others } = conditions;
  return pathRewrites(http).map((r) => entry({ ...r.path, ...others }, r.prefixRewrite));
}
