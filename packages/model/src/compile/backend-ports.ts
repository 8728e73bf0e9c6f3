// What a backend virtual service offers, port by port: the routes of its router, or its node.
import type { PortProtocol } from '../common/primitives';
import type { ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import { routeKindOf, type RouteKind } from '../route/schema';
import type { CompileContext, RouteItem } from './context';
import { byString } from './json';

export const ROUTE_PROTOCOL: Record<RouteKind, PortProtocol> = {
  httpRoute: 'http',
  http2Route: 'http2',
  grpcRoute: 'grpc',
  tcpRoute: 'tcp',
};

/** One port of a backend service and what serves it. */
export type ServicePort =
  | { port: number; protocol: PortProtocol; kind: 'node'; nodeName: string; site: { resource: ResourceId; path: string } }
  | { port: number; protocol: PortProtocol; kind: 'router'; routerName: string; routes: RouteItem[] };

function routePort(route: RouteItem): number | undefined {
  const s = route.spec;
  return s.httpRoute?.match.port ?? s.http2Route?.match.port ?? s.grpcRoute?.match.port ?? s.tcpRoute?.match?.port;
}

/** Routes without priority come after all prioritised ones; ties go by name so order is stable. */
export function byPriority(a: RouteItem, b: RouteItem): number {
  return (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001) || byString(a.routeName, b.routeName);
}

/** The ports of a router with the routes that fit each, reporting every route that fits none. */
export function routerPorts(ctx: CompileContext, routerName: string): ServicePort[] {
  const router = ctx.routers.get(routerName);
  if (!router) return [];
  const listeners = router.spec.listeners ?? [];
  const routerId: ResourceId = { kind: 'virtualRouter', name: routerName };
  if (listeners.length === 0) {
    ctx.diag.warn('compile.router-no-listener', routerId, 'spec.listeners', 'the router has no listener, so none of its routes is compiled');
    return [];
  }
  const ports: ServicePort[] = [...listeners]
    .sort((a, b) => a.portMapping.port - b.portMapping.port)
    .filter((l, i, all) => i === 0 || all[i - 1]?.portMapping.port !== l.portMapping.port)
    .map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol, kind: 'router', routerName, routes: [] }));
  const routes = [...(ctx.routesByRouter.get(routerName) ?? [])].sort(byPriority);
  for (const route of routes) {
    const kind = routeKindOf(route.spec);
    const id: ResourceId = { kind: 'route', name: `${routerName}/${route.routeName}` };
    const port = routePort(route);
    const say = (code: CompileDiagnosticCode, path: string, message: string) =>
      ctx.diag.warn(code, id, path, `${message}; compile left the route out`);
    const matchPath = kind === 'tcpRoute' ? 'spec.tcpRoute.match.port' : `spec.${kind}.match.port`;
    let target: ServicePort | undefined;
    if (port === undefined) {
      if (ports.length > 1) { say('compile.route-port-ambiguous', matchPath, 'the router has several listeners but the route names no port'); continue; }
      target = ports[0];
    } else {
      target = ports.find((p) => p.port === port);
      if (!target) { say('compile.route-port-mismatch', matchPath, `the router has no listener on port ${port}`); continue; }
    }
    if (!target || target.kind !== 'router') continue;
    if (ROUTE_PROTOCOL[kind] !== target.protocol) {
      say('compile.route-protocol-mismatch', `spec.${kind}`, `a ${kind} cannot serve the router's ${target.protocol} listener on port ${target.port}`);
      continue;
    }
    target.routes.push(route);
  }
  return ports;
}

/** The ports a backend service offers, or [] (reported) when nothing can serve it. */
export function servicePorts(ctx: CompileContext, serviceName: string, backendPath: string): ServicePort[] {
  const selfId: ResourceId = { kind: 'virtualNode', name: ctx.self.virtualNodeName };
  const service = ctx.services.get(serviceName);
  if (!service) {
    ctx.diag.warn('compile.backend-missing', selfId, backendPath, `virtual service "${serviceName}" does not exist; compile left the backend out`, 'reference');
    return [];
  }
  const provider = service.spec.provider;
  const serviceId: ResourceId = { kind: 'virtualService', name: serviceName };
  if (provider?.virtualRouter) {
    const routerName = provider.virtualRouter.virtualRouterName;
    if (!ctx.routers.has(routerName)) {
      ctx.diag.warn('compile.provider-missing', serviceId, 'spec.provider.virtualRouter.virtualRouterName',
        `virtual router "${routerName}" does not exist; compile left the service out`, 'reference');
      return [];
    }
    return routerPorts(ctx, routerName);
  }
  if (provider?.virtualNode) {
    const nodeName = provider.virtualNode.virtualNodeName;
    const node = ctx.nodes.get(nodeName);
    const path = 'spec.provider.virtualNode.virtualNodeName';
    if (!node) {
      ctx.diag.warn('compile.provider-missing', serviceId, path, `virtual node "${nodeName}" does not exist; compile left the service out`, 'reference');
      return [];
    }
    const listeners = [...(node.spec.listeners ?? [])].sort((a, b) => a.portMapping.port - b.portMapping.port);
    if (listeners.length === 0) {
      ctx.diag.warn('compile.provider-no-listener', serviceId, path, `virtual node "${nodeName}" has no listener; compile left the service out`);
    }
    return listeners
      .filter((l, i, all) => i === 0 || all[i - 1]?.portMapping.port !== l.portMapping.port)
      .map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol, kind: 'node', nodeName, site: { resource: serviceId, path } }));
  }
  ctx.diag.warn('compile.service-no-provider', serviceId, 'spec.provider', 'the service has no provider; compile left it out of the egress routes');
  return [];
}
