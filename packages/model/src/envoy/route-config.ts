// Route configurations: the ingress one per HTTP port (to the local app), and the egress one with a virtual
// host per backend HTTP port (App Mesh routes in priority order, or everything to the provider node) and
// the mesh egress filter's catch-all. Also the TCP destination of a backend port (TCP has no routes).
import { durationToMillis, type Duration } from '../common/duration';
import type { BackendPolicy, PlanBackend, PlanPort, PlanRoute } from '../resolve/plan';
import type { TargetContext } from './context';
import { TYPE, compact, envoyDuration, type EnvoyResource, type JsonObject } from './json';
import { names } from './names';
import { grpcRouteMatch, httpRouteMatch } from './route-match';
import { retryPolicy } from './retry';
import { routeStatPrefix } from '../traffic/stat-names';
import { clusterFor, weightedDestination } from './target-cluster';

const duration = (d: Duration | undefined) => {
  const ms = durationToMillis(d);
  return ms === undefined ? undefined : envoyDuration(ms);
};

const NO_TARGET = { status: 503, body: { inline_string: 'meshwright: no target of this route can receive traffic\n' } };

function httpRouteEntry(ctx: TargetContext, planned: PlanRoute, backend: BackendPolicy): JsonObject {
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
    // ADS proxies stream stats to meshwright: a route's own counters tell routes that share a target apart.
    ...(ctx.opts.mode === 'ads' ? { stat_prefix: routeStatPrefix(route.virtualRouterName, route.routeName) } : {}),
    route: compact({
      ...dest,
      timeout: duration(body.timeout?.perRequest),
      idle_timeout: duration(body.timeout?.idle),
      retry_policy: retry,
    }),
  };
}

/** The Envoy routes for an HTTP-family port of a backend service. */
export function httpPortRoutes(ctx: TargetContext, port: PlanPort, backend: BackendPolicy): JsonObject[] {
  if (port.kind === 'router') return port.routes.map((r) => httpRouteEntry(ctx, r, backend));
  const found = port.target;
  const cluster = found && clusterFor(ctx, found.node, found.listener, backend);
  if (!cluster) return [{ name: 'provider', match: { prefix: '/' }, direct_response: NO_TARGET }];
  return [{ name: 'provider', match: { prefix: '/' }, route: { cluster } }];
}

/** The TCP proxy destination of a TCP port: the first route in priority order, or the provider node. */
export function tcpPortDestination(ctx: TargetContext, port: PlanPort, backend: BackendPolicy): { destination: JsonObject; idle: string | undefined } | undefined {
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

/** The virtual hosts of a backend's HTTP-family ports: `<service>:<port>`, and the bare name for the lowest. */
export function backendVirtualHosts(ctx: TargetContext, backend: PlanBackend): JsonObject[] {
  const httpPorts = backend.ports.filter((p) => p.protocol !== 'tcp');
  return httpPorts.map((p, j) => {
    const withPort = `${backend.name}:${p.port}`;
    return {
      name: httpPorts.length === 1 ? backend.name : withPort,
      // The bare name (no port in Host) goes to the service's lowest HTTP port.
      domains: j === 0 ? [backend.name, withPort] : [withPort],
      routes: httpPortRoutes(ctx, p, backend.backend),
    };
  });
}

const DROP_ALL_BODY = 'meshwright: this host is not a backend of this virtual node, and the mesh egress filter is DROP_ALL\n';

/** The egress route configuration: the backends' hosts, then `*` for ALLOW_ALL (to its cluster) or DROP_ALL (404). */
export function egressRouteConfig(ctx: Pick<TargetContext, 'opts'>, virtualHosts: JsonObject[], allowAllCluster: string | undefined): EnvoyResource {
  const catchAll = allowAllCluster === undefined
    ? {
      name: 'egress_drop_all',
      domains: ['*'],
      routes: [{ name: 'drop_all', match: { prefix: '/' }, direct_response: { status: 404, body: { inline_string: DROP_ALL_BODY } } }],
    }
    : { name: 'egress_allow_all', domains: ['*'], routes: [{ name: 'allow_all', match: { prefix: '/' }, route: { cluster: allowAllCluster } }] };
  return { '@type': TYPE.routeConfiguration, name: names.egressRoutes(ctx.opts.egressPort), virtual_hosts: [...virtualHosts, catchAll] };
}

/** The ingress route configuration of one HTTP-family port: everything to the local app, with the listener's timeouts. */
export function ingressRouteConfig(port: number, cluster: string, timeout: { perRequest: string | undefined; idle: string | undefined }): EnvoyResource {
  return {
    '@type': TYPE.routeConfiguration,
    name: names.ingressRoutes(port),
    virtual_hosts: [
      {
        name: `ingress_${port}`,
        domains: ['*'],
        routes: [{ name: 'local_app', match: { prefix: '/' }, route: compact({ cluster, timeout: timeout.perRequest, idle_timeout: timeout.idle }) }],
      },
    ],
  };
}
