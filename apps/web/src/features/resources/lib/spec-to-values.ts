import { routeKindOf, type RouteSpec } from '@meshwright/model';
import type { HeaderMatchType, RouteValues } from '../../wizard/lib/form-values';
import { routeSpecFromValues } from '../../wizard/lib/to-bundle';

// Pure: an existing route spec -> the wizard's field values (so the edit page uses the same fields), and
// the edited values -> a spec that keeps every part the form does not show (retry policy, timeouts, ...).
// Virtual nodes: node-edit-values.ts.

export function routeValuesFromSpec(name: string, spec: RouteSpec): RouteValues {
  const kind = routeKindOf(spec);
  const type = kind === 'http2Route' ? 'http2' : kind === 'grpcRoute' ? 'grpc' : kind === 'tcpRoute' ? 'tcp' : 'http';
  const http = spec.httpRoute ?? spec.http2Route;
  const action = (spec[kind] ?? spec.httpRoute)?.action;
  return {
    name,
    type,
    priority: spec.priority ?? Number.NaN,
    prefix: http?.match.prefix ?? '/',
    method: http?.match.method ?? '',
    headers: (http?.match.headers ?? []).map((h) => {
      const match = h.match ?? {};
      const matchType = (['exact', 'prefix', 'suffix', 'regex'] as const).find((k) => match[k] !== undefined);
      const value = matchType ? match[matchType] : undefined;
      return { name: h.name, matchType: (matchType ?? 'present') as HeaderMatchType, value: typeof value === 'string' ? value : '', invert: h.invert ?? false };
    }),
    serviceName: spec.grpcRoute?.match.serviceName ?? '',
    methodName: spec.grpcRoute?.match.methodName ?? '',
    targets: (action?.weightedTargets ?? []).map((t) => ({ node: t.virtualNode, weight: t.weight })),
  };
}

/** The edited route spec: match and targets from the form, retry policy, timeouts and the rest kept. */
export function mergeRouteSpec(original: RouteSpec, values: RouteValues): RouteSpec {
  const edited = routeSpecFromValues(values);
  const merged: RouteSpec = {};
  if (edited.priority !== undefined) merged.priority = edited.priority;
  const http = edited.httpRoute ?? edited.http2Route;
  if (http) {
    const before = original.httpRoute ?? original.http2Route;
    const match = { ...before?.match, ...http.match };
    if (!http.match.headers) delete match.headers;
    if (!http.match.method) delete match.method;
    merged[edited.http2Route ? 'http2Route' : 'httpRoute'] = { ...before, ...http, match };
  } else if (edited.grpcRoute) {
    // Service and method come from the form; metadata and port, which it does not show, are kept.
    const match = { ...original.grpcRoute?.match, ...edited.grpcRoute.match };
    if (!edited.grpcRoute.match.serviceName) delete match.serviceName;
    if (!edited.grpcRoute.match.methodName) delete match.methodName;
    merged.grpcRoute = { ...original.grpcRoute, action: edited.grpcRoute.action, match };
  } else if (edited.tcpRoute) {
    merged.tcpRoute = { ...original.tcpRoute, action: edited.tcpRoute.action };
  }
  return merged;
}
