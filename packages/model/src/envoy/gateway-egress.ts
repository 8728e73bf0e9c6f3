// The gateway's egress: a listener on the loopback that the gateway listeners' self-redirect clusters
// reach, routing each request to its target service exactly as a virtual node's egress routes to a
// backend (the router's routes and weighted targets, or the provider node), by the target header the
// gateway route set rather than by Host, which a gateway route may leave as the client sent it (ADR 006).
import type { PlanBackend } from '../resolve/plan';
import type { EnvoyContext } from './context';
import { httpConnectionManager, socketAddress } from './filters';
import { GATEWAY_TARGET_HEADER, gatewayTargetValue } from './gateway-route-entries';
import { TYPE, type EnvoyResource, type JsonObject, type JsonValue } from './json';
import type { ListenerOutput } from './listener';
import { names } from './names';
import { httpPortRoutes } from './route-config';

function withTarget(route: JsonObject, value: string): JsonObject {
  const match = (route.match ?? {}) as JsonObject;
  const headers: JsonValue[] = Array.isArray(match.headers) ? match.headers : [];
  return { ...route, match: { ...match, headers: [...headers, { name: GATEWAY_TARGET_HEADER, string_match: { exact: value } }] } };
}

/** The egress route configuration: every target port's routes, each also matching its target header. */
export function gatewayEgressRoutes(ctx: EnvoyContext, targets: PlanBackend[]): EnvoyResource {
  const routes = targets.flatMap((t) =>
    t.ports.flatMap((p) => httpPortRoutes(ctx, p, t.backend).map((r) => withTarget(r, gatewayTargetValue(t.name, p.port)))));
  return {
    '@type': TYPE.routeConfiguration,
    name: names.egressRoutes(ctx.opts.egressPort),
    virtual_hosts: [{ name: 'gateway_targets', domains: ['*'], routes, request_headers_to_remove: [GATEWAY_TARGET_HEADER] }],
  };
}

/** The loopback egress listener; only the gateway itself can reach it. */
export function gatewayEgress(ctx: EnvoyContext, targets: PlanBackend[], out: ListenerOutput): void {
  const routes = gatewayEgressRoutes(ctx, targets);
  out.routes.push(routes);
  const address = ctx.opts.localAppAddress;
  out.listeners.push({
    '@type': TYPE.listener,
    name: names.egressListener(address, ctx.opts.egressPort),
    address: socketAddress(address, ctx.opts.egressPort),
    // One access log line per request (file or gRPC): the gateway listener writes it, the hop does not.
    filter_chains: [{ name: 'egress_http', filters: [httpConnectionManager(ctx, 'egress', routes, [], false)] }],
  });
}
