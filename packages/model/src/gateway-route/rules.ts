// Rules about gateway routes: their gateway and the listener they serve, their target service and
// port (decided as the resolver decides them, ADR 005), their match and rewrites, and shadowing.
import type { AnalysisContext } from '../analysis/context';
import { gatewayRouteId } from '../analysis/context';
import type { MeshModel } from '../input/mesh-model';
import { stableStringify } from '../route/rules';
import { decideGatewayListener, decideGatewayTarget } from '../resolve/gateway-decide';
import { Problems, servicePorts } from '../resolve/resolve';
import { checkGatewayRouteMatch } from './match-rules';
import { checkGatewayRouteRewrite } from './rewrite-rules';
import { gatewayRouteKindOf } from './schema';

type GatewayItem = MeshModel['virtualGateways'][number];
type GatewayRouteItem = MeshModel['gatewayRoutes'][number];

/** Rules about one gateway route: its gateway and listener, its target, its match and rewrites. */
export function checkGatewayRoute(ctx: AnalysisContext, route: GatewayRouteItem): void {
  const resource = gatewayRouteId(route.virtualGatewayName, route.gatewayRouteName);
  const kind = gatewayRouteKindOf(route.spec);
  const body = route.spec[kind];
  if (!body) return;
  const gateway = ctx.gateways.get(route.virtualGatewayName);
  if (!gateway) {
    ctx.report({ code: 'gatewayRoute.gateway-missing', category: 'reference', resource, path: 'virtualGatewayName', message: `virtual gateway ${route.virtualGatewayName} does not exist` });
  } else if (gateway.spec.listeners.length > 0) {
    const fit = decideGatewayListener(gateway.virtualGatewayName, gateway.spec.listeners, body.match.port, kind);
    if (!fit.ok) {
      const path = fit.code === 'gatewayRoute.kind-mismatch' ? `spec.${kind}` : `spec.${kind}.match.port`;
      ctx.report({ code: fit.code, severity: fit.severity, category: fit.category, resource, path, message: fit.message });
    }
  }
  const { target } = body.action;
  const service = target.virtualService.virtualServiceName;
  // The problems of the target's provider are the service's (and its router's) own findings.
  const ports = ctx.services.has(service) ? servicePorts(ctx, new Problems(), { kind: 'virtualService', name: service }, service, '') : [];
  const decided = decideGatewayTarget(ctx, service, ports, target.port);
  if (!decided.ok && decided.code !== undefined) {
    const { code, severity, category, message } = decided;
    ctx.report({ code, severity, category, resource, path: `spec.${kind}.action.target.${decided.part}`, message });
  }
  checkGatewayRouteMatch(ctx, route.spec, kind, resource);
  const http = route.spec.httpRoute ?? route.spec.http2Route;
  if (http) checkGatewayRouteRewrite(ctx, http, kind, resource);
}

/** The match as the gateway applies it: no path is every path, no port is the only listener's port. */
function effectiveMatch(route: GatewayRouteItem, gateway: GatewayItem | undefined): unknown {
  const kind = gatewayRouteKindOf(route.spec);
  const match = route.spec[kind]?.match ?? {};
  const only = gateway?.spec.listeners.length === 1 ? gateway.spec.listeners[0]?.portMapping.port : undefined;
  const port = match.port ?? only;
  if (kind === 'grpcRoute') return { ...match, port };
  const http = route.spec.httpRoute?.match ?? route.spec.http2Route?.match;
  const everyPath = http?.prefix === undefined && http?.path === undefined;
  return { ...match, port, prefix: everyPath ? '/' : http?.prefix };
}

/**
 * Two routes of one gateway of the same kind with the same priority and the same match (port and
 * hostname included): Envoy tries them in name order, so the later one never matches.
 */
export function checkShadowedGatewayRoutes(ctx: AnalysisContext, gatewayName: string, routes: readonly GatewayRouteItem[]): void {
  const gateway = ctx.gateways.get(gatewayName);
  const seen = new Map<string, string>();
  const ordered = [...routes].sort((a, b) => (a.gatewayRouteName < b.gatewayRouteName ? -1 : a.gatewayRouteName > b.gatewayRouteName ? 1 : 0));
  for (const route of ordered) {
    const kind = gatewayRouteKindOf(route.spec);
    const key = `${kind}|${route.spec.priority ?? 'none'}|${stableStringify(effectiveMatch(route, gateway))}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, route.gatewayRouteName);
      continue;
    }
    ctx.report({
      code: 'gatewayRoute.shadowed',
      severity: 'warning',
      resource: gatewayRouteId(gatewayName, route.gatewayRouteName),
      path: `spec.${kind}.match`,
      message: `gateway route ${first} has the same priority and match and wins (routes that tie are tried in name order), so this route never matches; change its priority or match`,
    });
  }
}
