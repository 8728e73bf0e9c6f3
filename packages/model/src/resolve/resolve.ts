// The resolver: from a mesh (model and index) to the plan of one virtual node's proxy. The only code
// that decides what a reference resolves to; what it cannot resolve it records under the analysis
// code of that problem (ADR 005), or a compile code where analysis has no rule for it.
import type { PortProtocol } from '../common/primitives';
import type { FindingCategory, ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import type { MeshIndex } from '../input/mesh-index';
import { routeKindOf, type RouteKind, type WeightedTarget } from '../route/schema';
import type { IngressPort, NodeItem, PlanBackend, PlanPort, PlanRoute, PlanTarget, ProxyPlan, RouteItem, TargetEndpoint, Unresolved } from './plan';

export const ROUTE_PROTOCOL: Record<RouteKind, PortProtocol> = {
  httpRoute: 'http',
  http2Route: 'http2',
  grpcRoute: 'grpc',
  tcpRoute: 'tcp',
};

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Routes without priority come after all prioritised ones; ties go by name so order is stable. */
export function byPriority(a: RouteItem, b: RouteItem): number {
  return (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001) || byString(a.routeName, b.routeName);
}

class Problems {
  readonly list: Unresolved[] = [];
  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category: FindingCategory = 'consistency'): undefined {
    this.list.push({ code, severity: 'warning', category, resource, path, message });
    return undefined;
  }
}

/** Where a target is written: the node name, its port, and the target as a whole. */
interface TargetPaths {
  resource: ResourceId;
  node: string;
  port: string;
  target: string;
}

/** The listener of `nodeName` that traffic for `port` reaches, or undefined (recorded). */
function resolveTarget(index: MeshIndex, p: Problems, nodeName: string, port: number | undefined, protocol: PortProtocol | undefined, at: TargetPaths): TargetEndpoint | undefined {
  const out = (code: CompileDiagnosticCode, path: string, message: string, category: FindingCategory = 'consistency') =>
    p.warn(code, at.resource, path, `${message}; compile left this target out`, category);
  const node = index.nodes.get(nodeName);
  if (!node) return out('route.target-missing', at.node, `virtual node "${nodeName}" does not exist`, 'reference');
  const listeners = node.spec.listeners ?? [];
  if (listeners.length === 0) return out('route.target-without-listener', at.node, `virtual node "${nodeName}" has no listener`);
  let listener = listeners.length === 1 && port === undefined ? listeners[0] : undefined;
  if (port !== undefined) {
    listener = listeners.find((l) => l.portMapping.port === port);
    if (!listener) return out('route.target-port-unknown', at.port, `virtual node "${nodeName}" has no listener on port ${port}`);
  }
  if (!listener) return out('route.target-port-required', at.port, `virtual node "${nodeName}" has several listeners: the target needs a port`);
  const targetProtocol = listener.portMapping.protocol;
  if (protocol !== undefined && targetProtocol !== protocol) {
    return out('route.target-protocol-mismatch', at.target, `a ${protocol} route cannot send to the ${targetProtocol} listener of "${nodeName}"`);
  }
  if (node.spec.serviceDiscovery?.awsCloudMap) {
    return out('compile.cloud-map-unsupported', at.node, `virtual node "${nodeName}" uses AWS Cloud Map, which Envoy cannot resolve by DNS`);
  }
  if (!node.spec.serviceDiscovery?.dns) {
    return out('compile.target-no-service-discovery', at.node, `virtual node "${nodeName}" has no DNS service discovery, so no address to send to`);
  }
  return { node, listener };
}

function resolveTargets(index: MeshIndex, p: Problems, targets: WeightedTarget[], protocol: PortProtocol, resource: ResourceId, base: string): PlanTarget[] {
  return targets.flatMap((t, i) => {
    const target = `${base}[${i}]`;
    const found = resolveTarget(index, p, t.virtualNode, t.port, protocol, { resource, node: `${target}.virtualNode`, port: `${target}.port`, target });
    return found ? [{ ...found, weight: t.weight }] : [];
  });
}

function routePort(route: RouteItem): number | undefined {
  const s = route.spec;
  return s.httpRoute?.match.port ?? s.http2Route?.match.port ?? s.grpcRoute?.match.port ?? s.tcpRoute?.match?.port;
}

function routeTargets(route: RouteItem): WeightedTarget[] {
  const s = route.spec;
  return (s.httpRoute ?? s.http2Route ?? s.grpcRoute ?? s.tcpRoute)?.action.weightedTargets ?? [];
}

/** The ports of a router with the routes that fit each, recording every route that fits none. */
function routerPorts(index: MeshIndex, p: Problems, routerName: string): PlanPort[] {
  const router = index.routers.get(routerName);
  if (!router) return [];
  const listeners = router.spec.listeners ?? [];
  const routerId: ResourceId = { kind: 'virtualRouter', name: routerName };
  if (listeners.length === 0) {
    p.warn('router.listener-missing', routerId, 'spec.listeners', 'the router has no listener, so none of its routes is compiled');
    return [];
  }
  const ports = [...listeners]
    .sort((a, b) => a.portMapping.port - b.portMapping.port)
    .filter((l, i, all) => i === 0 || all[i - 1]?.portMapping.port !== l.portMapping.port)
    .map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol, kind: 'router' as const, routerName, routes: [] as PlanRoute[] }));
  const routes = [...(index.routesByRouter.get(routerName) ?? [])].sort(byPriority);
  for (const route of routes) {
    const kind = routeKindOf(route.spec);
    const id: ResourceId = { kind: 'route', name: `${routerName}/${route.routeName}` };
    const port = routePort(route);
    const say = (code: CompileDiagnosticCode, path: string, message: string) => p.warn(code, id, path, `${message}; compile left the route out`);
    const matchPath = `spec.${kind}.match.port`;
    let target = ports[0];
    if (port === undefined) {
      if (ports.length > 1) { say('route.match-port-required', matchPath, 'the router has several listeners but the route names no port'); continue; }
    } else {
      target = ports.find((q) => q.port === port);
      if (!target) { say('route.match-port-unknown', matchPath, `the router has no listener on port ${port}`); continue; }
    }
    if (!target) continue;
    if (ROUTE_PROTOCOL[kind] !== target.protocol) {
      say('route.kind-mismatch', `spec.${kind}`, `a ${kind} cannot serve the router's ${target.protocol} listener on port ${target.port}`);
      continue;
    }
    const targets = resolveTargets(index, p, routeTargets(route), ROUTE_PROTOCOL[kind], id, `spec.${kind}.action.weightedTargets`);
    target.routes.push({ route, id, kind, targets });
  }
  return ports;
}

/** The ports a backend service offers, or [] (recorded) when nothing can serve it. */
function servicePorts(index: MeshIndex, p: Problems, self: NodeItem, serviceName: string, backendPath: string): PlanPort[] {
  const service = index.services.get(serviceName);
  if (!service) {
    p.warn('node.backend-missing', { kind: 'virtualNode', name: self.virtualNodeName }, backendPath,
      `virtual service "${serviceName}" does not exist; compile left the backend out`, 'reference');
    return [];
  }
  const provider = service.spec.provider;
  const serviceId: ResourceId = { kind: 'virtualService', name: serviceName };
  if (provider?.virtualRouter) {
    const routerName = provider.virtualRouter.virtualRouterName;
    if (!index.routers.has(routerName)) {
      p.warn('service.provider-missing', serviceId, 'spec.provider.virtualRouter.virtualRouterName',
        `virtual router "${routerName}" does not exist; compile left the service out`, 'reference');
      return [];
    }
    return routerPorts(index, p, routerName);
  }
  if (provider?.virtualNode) {
    const nodeName = provider.virtualNode.virtualNodeName;
    const node = index.nodes.get(nodeName);
    const path = 'spec.provider.virtualNode.virtualNodeName';
    if (!node) {
      p.warn('service.provider-missing', serviceId, path, `virtual node "${nodeName}" does not exist; compile left the service out`, 'reference');
      return [];
    }
    const listeners = [...(node.spec.listeners ?? [])].sort((a, b) => a.portMapping.port - b.portMapping.port);
    if (listeners.length === 0) {
      p.warn('compile.provider-no-listener', serviceId, path, `virtual node "${nodeName}" has no listener; compile left the service out`);
    }
    const at = { resource: serviceId, node: path, port: path, target: path };
    return listeners
      .filter((l, i, all) => i === 0 || all[i - 1]?.portMapping.port !== l.portMapping.port)
      .map((l) => ({
        port: l.portMapping.port,
        protocol: l.portMapping.protocol,
        kind: 'node' as const,
        nodeName,
        target: resolveTarget(index, p, nodeName, l.portMapping.port, undefined, at),
      }));
  }
  p.warn('service.provider-none', serviceId, 'spec.provider', 'the service has no provider; compile left it out of the egress routes');
  return [];
}

/** The node's backend services, each once, in name order, with where they are written. */
function backends(index: MeshIndex, p: Problems, self: NodeItem): PlanBackend[] {
  const seen = new Map<string, Omit<PlanBackend, 'ports'>>();
  const selfId = { kind: 'virtualNode' as const, name: self.virtualNodeName };
  const defaults = self.spec.backendDefaults?.clientPolicy;
  (self.spec.backends ?? []).forEach((b, i) => {
    const vs = b.virtualService;
    if (!vs || seen.has(vs.virtualServiceName)) return;
    const own = vs.clientPolicy !== undefined;
    seen.set(vs.virtualServiceName, {
      name: vs.virtualServiceName,
      path: `spec.backends[${i}].virtualService.virtualServiceName`,
      backend: {
        policy: own ? vs.clientPolicy : defaults,
        site: { resource: selfId, path: own ? `spec.backends[${i}].virtualService.clientPolicy` : 'spec.backendDefaults.clientPolicy' },
      },
    });
  });
  return [...seen.values()]
    .sort((a, b) => byString(a.name, b.name))
    .map((b) => ({ ...b, ports: servicePorts(index, p, self, b.name, b.path) }));
}

/** The node's own listeners, each port once in port order, with the timeout of its protocol. */
function ingress(p: Problems, self: NodeItem): IngressPort[] {
  const selfId: ResourceId = { kind: 'virtualNode', name: self.virtualNodeName };
  const ordered = (self.spec.listeners ?? []).map((listener, index) => ({ listener, index })).sort((a, b) => a.listener.portMapping.port - b.listener.portMapping.port);
  const seen = new Set<number>();
  const out: IngressPort[] = [];
  for (const { listener, index } of ordered) {
    const { port, protocol } = listener.portMapping;
    if (seen.has(port)) {
      p.warn('node.duplicate-listener-port', selfId, `spec.listeners[${index}].portMapping.port`, `port ${port} is used by an earlier listener; compile left this one out`);
      continue;
    }
    seen.add(port);
    const t = listener.timeout;
    const own = t?.[protocol];
    if (t && !own) {
      p.warn('node.timeout-protocol-mismatch', selfId, `spec.listeners[${index}].timeout`,
        `the timeout is set for ${Object.keys(t).join(', ')} but the listener speaks ${protocol}; compile left it out`);
    }
    out.push({ listener, index, timeout: { perRequest: own && 'perRequest' in own ? own.perRequest : undefined, idle: own?.idle } });
  }
  return out;
}

/** The plan of the proxy bound to `self`, a node of the indexed mesh. */
export function resolveProxy(index: MeshIndex, self: NodeItem): ProxyPlan {
  const p = new Problems();
  const ingressPorts = ingress(p, self);
  return { node: self, ingress: ingressPorts, backends: backends(index, p, self), unresolved: p.list };
}
