// Routes of one backend port: App Mesh routes in priority order, or everything to the provider node.
import { durationToMillis, type Duration } from '../common/duration';
import type { BackendPolicy, PlanPort, PlanRoute } from '../resolve/plan';
import type { CompileContext } from './context';
import { compact, envoyDuration, type JsonObject } from './json';
import { grpcRouteMatch, httpRouteMatch } from './route-match';
import { retryPolicy } from './retry';
import { clusterFor, weightedDestination } from './target-cluster';

const duration = (d: Duration | undefined) => {
  const ms = durationToMillis(d);
  return ms === undefined ? undefined : envoyDuration(ms);
};

const NO_TARGET = { status: 503, body: { inline_string: 'meshwright: no target of this route can receive traffic\n' } };

function httpRouteEntry(ctx: CompileContext, planned: PlanRoute, backend: BackendPolicy): JsonObject {
  const { route, kind, id } = planned;
  const grpc = route.spec.grpcRoute;
  const http = route.spec.httpRoute ?? route.spec.http2Route;
  const body = grpc ?? http;
  if (!body) return { name: route.routeName, match: { prefix: '/' }, direct_response: NO_TARGET };
  const match = grpc ? grpcRouteMatch(grpc.match) : http ? httpRouteMatch(http.match) : { prefix: '/' };
  const dest = weightedDestination(ctx, planned.targets, { resource: id, path: `spec.${kind}.action.weightedTargets` }, backend);
  if (!dest) return { name: route.routeName, match, direct_response: NO_TARGET };
  let retry: JsonObject | undefined;
  if (body.retryPolicy) {
    const result = retryPolicy(body.retryPolicy);
    for (const u of result.unknown) {
      ctx.diag.warn('compile.retry-event-unknown', id, `spec.${kind}.retryPolicy.${u.path}`,
        `"${u.event}" is not a retry event meshwright knows (server-error, gateway-error, client-error, stream-error); compile left it out`);
    }
    retry = result.policy;
  }
  return {
    name: route.routeName,
    match,
    route: compact({
      ...dest,
      timeout: duration(body.timeout?.perRequest),
      idle_timeout: duration(body.timeout?.idle),
      retry_policy: retry,
    }),
  };
}

/** The Envoy routes for an HTTP-family port of a backend service. */
export function httpPortRoutes(ctx: CompileContext, port: PlanPort, backend: BackendPolicy): JsonObject[] {
  if (port.kind === 'router') return port.routes.map((r) => httpRouteEntry(ctx, r, backend));
  const found = port.target;
  const cluster = found && clusterFor(ctx, found.node, found.listener, backend);
  if (!cluster) return [{ name: 'provider', match: { prefix: '/' }, direct_response: NO_TARGET }];
  return [{ name: 'provider', match: { prefix: '/' }, route: { cluster } }];
}

/** The TCP proxy destination of a TCP port: the first route in priority order, or the provider node. */
export function tcpPortDestination(ctx: CompileContext, port: PlanPort, backend: BackendPolicy): { destination: JsonObject; idle: string | undefined } | undefined {
  if (port.kind === 'node') {
    const found = port.target;
    const cluster = found && clusterFor(ctx, found.node, found.listener, backend);
    return cluster ? { destination: { cluster }, idle: undefined } : undefined;
  }
  const [first, ...shadowed] = port.routes;
  for (const r of shadowed) {
    ctx.diag.warn('compile.tcp-route-shadowed', r.id, 'spec.tcpRoute',
      `TCP has nothing to match on: route "${first?.route.routeName ?? ''}" takes all traffic of port ${port.port}; compile left this one out`);
  }
  const tcp = first?.route.spec.tcpRoute;
  if (!first || !tcp) return undefined;
  const dest = weightedDestination(ctx, first.targets, { resource: first.id, path: 'spec.tcpRoute.action.weightedTargets' }, backend);
  return dest ? { destination: dest, idle: duration(tcp.timeout?.idle) } : undefined;
}
