import { decideRoutePort, decideTarget, ROUTE_PROTOCOL } from '../resolve/decide';
import type { RouteKind, RouteSpec, WeightedTarget } from './schema';
import { routeKindOf } from './schema';
import type { AnalysisContext } from '../analysis/context';
import type { MeshModel } from '../input/mesh-model';
import { routeId } from '../analysis/context';
import { checkRouteMatch } from './match-rules';

/** The listener protocol each route kind serves. */
export const protocolOfRouteKind = ROUTE_PROTOCOL;

export function matchPortOf(spec: RouteSpec): number | undefined {
  return spec.httpRoute?.match.port ?? spec.http2Route?.match.port ?? spec.grpcRoute?.match.port ?? spec.tcpRoute?.match?.port;
}

export function weightedTargetsOf(spec: RouteSpec): WeightedTarget[] {
  const kind = routeKindOf(spec);
  return spec[kind]?.action.weightedTargets ?? [];
}

type RouteItem = MeshModel['routes'][number];

/** Rules about one route: its router, its match and its weighted targets. */
export function checkRoute(ctx: AnalysisContext, route: RouteItem): void {
  const resource = routeId(route.virtualRouterName, route.routeName);
  const kind = routeKindOf(route.spec);
  const router = ctx.routers.get(route.virtualRouterName);

  if (!router) {
    ctx.report({
      code: 'route.router-missing',
      category: 'reference',
      resource,
      path: 'virtualRouterName',
      message: `virtual router ${route.virtualRouterName} does not exist`,
    });
  } else {
    const fit = decideRoutePort(router.virtualRouterName, router.spec.listeners ?? [], matchPortOf(route.spec), kind);
    if (fit && !fit.ok) {
      const path = fit.code === 'route.kind-mismatch' ? `spec.${kind}` : `spec.${kind}.match.port`;
      ctx.report({ code: fit.code, severity: fit.severity, category: fit.category, resource, path, message: fit.message });
    }
  }

  checkTargets(ctx, route.spec, kind, resource);
  checkRouteMatch(ctx, route.spec, kind, resource);
}

function checkTargets(ctx: AnalysisContext, spec: RouteSpec, kind: RouteKind, resource: ReturnType<typeof routeId>): void {
  const targets = weightedTargetsOf(spec);
  const base = `spec.${kind}.action.weightedTargets`;
  let total = 0;
  const seen = new Set<string>();
  targets.forEach((t, i) => {
    total += t.weight;
    if (t.weight < 0 || t.weight > 100) {
      ctx.report({ code: 'route.weight-range', category: 'spec', resource, path: `${base}[${i}].weight`, message: `weight ${t.weight} is outside 0-100` });
    }
    const key = `${t.virtualNode}:${t.port ?? ''}`;
    if (seen.has(key)) {
      ctx.report({ code: 'route.duplicate-target', category: 'spec', resource, path: `${base}[${i}]`, message: `virtual node ${t.virtualNode} is a target twice; merge the weights` });
    }
    seen.add(key);
    const decided = decideTarget(ctx.nodes, t.virtualNode, t.port, kind);
    if (!decided.ok) {
      const path = { node: `${base}[${i}].virtualNode`, port: `${base}[${i}].port`, target: `${base}[${i}]` }[decided.part];
      ctx.report({ code: decided.code, severity: decided.severity, category: decided.category, resource, path, message: decided.message });
    }
  });
  if (targets.length > 0 && total === 0) {
    ctx.report({ code: 'route.weights-zero', category: 'spec', resource, path: base, message: 'all weights are 0, so no traffic goes anywhere' });
  }
  if (total > 100) {
    ctx.report({ code: 'route.weights-over-100', category: 'spec', resource, path: base, message: `weights add up to ${total}; the total may be at most 100` });
  }
}

/** Two routes of `router` with the same priority and the same match: the second never matches. */
export function checkShadowedRoutes(ctx: AnalysisContext, router: string, routes: readonly RouteItem[]): void {
  const seen = new Map<string, string>();
  const ordered = [...routes].sort((a, b) => (a.routeName < b.routeName ? -1 : a.routeName > b.routeName ? 1 : 0));
  for (const route of ordered) {
    const kind = routeKindOf(route.spec);
    const match = kind === 'tcpRoute' ? route.spec.tcpRoute?.match : route.spec[kind]?.match;
    const key = `${kind}|${route.spec.priority ?? 'none'}|${stableStringify(match ?? {})}`;
    const first = seen.get(key);
    if (first !== undefined) {
      ctx.report({
        code: 'route.shadowed',
        severity: 'warning',
        resource: routeId(router, route.routeName),
        path: `spec.${kind}.match`,
        message: `route ${first} has the same priority and match, so this route never matches; change its priority or match`,
      });
    } else seen.set(key, route.routeName);
  }
}

export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
