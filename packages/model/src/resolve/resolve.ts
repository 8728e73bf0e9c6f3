// The resolver: from a mesh (model and index) to the plan of one virtual node's proxy. The only code
// that decides what a reference resolves to; what it cannot resolve it records under the analysis
// code of that problem (ADR 005), or a compile code where analysis has no rule for it.
import type { FindingCategory, ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import type { MeshIndex } from '../input/mesh-index';
import { routeKindOf, type RouteKind, type WeightedTarget } from '../route/schema';
import { matchPortOf, weightedTargetsOf } from '../route/rules';
import { decideBackend, decideListenerTimeout, decideProvider, duplicateListenerPorts, decideRouterListeners, decideRoutePort, decideTarget, type TargetPart } from './decide';
import type { IngressPort, NodeItem, RouterItem, PlanBackend, PlanPort, PlanRoute, PlanTarget, ProxyPlan, RouteItem, TargetEndpoint, Unresolved } from './plan';

export { ROUTE_PROTOCOL } from './decide';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Routes without priority come after all prioritised ones; ties go by name so order is stable. */
export function byPriority(a: RouteItem, b: RouteItem): number {
  return (a.spec.priority ?? 1001) - (b.spec.priority ?? 1001) || byString(a.routeName, b.routeName);
}

export class Problems {
  readonly list: Unresolved[] = [];
  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category: FindingCategory = 'consistency'): undefined {
    this.list.push({ code, severity: 'warning', category, resource, path, message });
    return undefined;
  }
}

/** Where a target is written: the node name, its port, and the target as a whole. */
type TargetPaths = { resource: ResourceId } & Record<TargetPart, string>;

/** Records that a target was left out, and why. */
function leftOut(p: Problems, at: TargetPaths, code: CompileDiagnosticCode, path: string, message: string, category: FindingCategory = 'consistency'): undefined {
  return p.warn(code, at.resource, path, `${message}; compile left this target out`, category);
}

/** The listener of `nodeName` that traffic for `port` reaches, or undefined (recorded). */
function resolveTarget(index: MeshIndex, p: Problems, nodeName: string, port: number | undefined, kind: RouteKind | undefined, at: TargetPaths): TargetEndpoint | undefined {
  const decided = decideTarget(index.nodes, nodeName, port, kind);
  if (!decided.ok) return leftOut(p, at, decided.code, at[decided.part], decided.message, decided.category);
  const { node, listener } = decided;
  if (node.spec.serviceDiscovery?.awsCloudMap) {
    return leftOut(p, at, 'compile.cloud-map-unsupported', at.node, `virtual node "${nodeName}" uses AWS Cloud Map, which Envoy cannot resolve by DNS`);
  }
  if (!node.spec.serviceDiscovery?.dns) {
    return leftOut(p, at, 'compile.target-no-service-discovery', at.node, `virtual node "${nodeName}" has no DNS service discovery, so no address to send to`);
  }
  return { node, listener };
}

function resolveTargets(index: MeshIndex, p: Problems, targets: WeightedTarget[], kind: RouteKind, resource: ResourceId, base: string): PlanTarget[] {
  return targets.flatMap((t, i) => {
    const target = `${base}[${i}]`;
    const found = resolveTarget(index, p, t.virtualNode, t.port, kind, { resource, node: `${target}.virtualNode`, port: `${target}.port`, target });
    return found ? [{ ...found, weight: t.weight }] : [];
  });
}

/** The ports of a router with the routes that fit each, recording every route that fits none. */
function routerPorts(index: MeshIndex, p: Problems, router: RouterItem): PlanPort[] {
  const routerName = router.virtualRouterName;
  const noListener = decideRouterListeners(router);
  if (noListener) {
    p.warn(noListener.code, { kind: 'virtualRouter', name: routerName }, 'spec.listeners', `${noListener.message}; compile left its routes out`, noListener.category);
    return [];
  }
  const ports = [...(router.spec.listeners ?? [])]
    .sort((a, b) => a.portMapping.port - b.portMapping.port)
    .filter((l, i, all) => i === 0 || all[i - 1]?.portMapping.port !== l.portMapping.port)
    .map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol, kind: 'router' as const, routerName, routes: [] as PlanRoute[],
      portMapping: l.portMapping }));
  const routes = [...(index.routesByRouter.get(routerName) ?? [])].sort(byPriority);
  for (const route of routes) {
    const kind = routeKindOf(route.spec);
    const id: ResourceId = { kind: 'route', name: `${routerName}/${route.routeName}` };
    const fit = decideRoutePort(routerName, ports, matchPortOf(route.spec), kind);
    if (!fit?.ok) {
      if (fit) p.warn(fit.code, id, fit.code === 'route.kind-mismatch' ? `spec.${kind}` : `spec.${kind}.match.port`, `${fit.message}; compile left the route out`, fit.category);
      continue;
    }
    const targets = resolveTargets(index, p, weightedTargetsOf(route.spec), kind, id, `spec.${kind}.action.weightedTargets`);
    fit.listener.routes.push({ route, id, kind, targets });
  }
  return ports.map(({ portMapping: _, ...port }) => port);
}

/**
 * The ports a virtual service offers, or [] (recorded) when nothing can serve it. `caller` is the
 * node (or gateway) whose reference at `backendPath` names the service.
 */
export function servicePorts(index: MeshIndex, p: Problems, caller: ResourceId, serviceName: string, backendPath: string): PlanPort[] {
  return backendMissing(index, p, caller, serviceName, backendPath) ? [] : providedPorts(index, p, serviceName);
}

/** Whether `serviceName`, named by `caller` at `backendPath`, does not exist (recorded). */
export function backendMissing(index: Pick<MeshIndex, 'services'>, p: Problems, caller: ResourceId, serviceName: string, backendPath: string): boolean {
  const missing = decideBackend(index.services, serviceName);
  if (missing) p.warn(missing.code, caller, backendPath, `${missing.message}; compile left the backend out`, missing.category);
  return missing !== undefined;
}

/**
 * The ports an existing virtual service offers, or [] (recorded) when nothing can serve it. What it
 * records is about the service, its provider, routes and targets: never about the caller.
 */
export function providedPorts(index: MeshIndex, p: Problems, serviceName: string): PlanPort[] {
  const serviceId: ResourceId = { kind: 'virtualService', name: serviceName };
  const provider = decideProvider(index, serviceName);
  if (!provider) return [];
  if (!provider.ok) {
    p.warn(provider.code, serviceId, provider.path, `${provider.message}; compile left the service out`, provider.category);
    return [];
  }
  if (provider.kind === 'router') return routerPorts(index, p, provider.router);
  const nodeName = provider.node.virtualNodeName;
  const listeners = [...(provider.node.spec.listeners ?? [])].sort((a, b) => a.portMapping.port - b.portMapping.port);
  const at = { resource: serviceId, node: provider.path, port: provider.path, target: provider.path };
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

/** A backend service of a node, before its ports are resolved. */
export type BackendEntry = Omit<PlanBackend, 'ports'>;

/** The node's backend services, each once, in name order, with where they are written; reads nothing but the node. */
export function backendEntries(self: NodeItem): BackendEntry[] {
  const seen = new Map<string, BackendEntry>();
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
  return [...seen.values()].sort((a, b) => byString(a.name, b.name));
}

function backends(index: MeshIndex, p: Problems, self: NodeItem): PlanBackend[] {
  const selfId = { kind: 'virtualNode' as const, name: self.virtualNodeName };
  return backendEntries(self).map((b) => ({ ...b, ports: servicePorts(index, p, selfId, b.name, b.path) }));
}

/** The node's own listeners, each port once in port order, with the timeout of its protocol. */
export function ingressPorts(p: Problems, self: NodeItem): IngressPort[] {
  const selfId: ResourceId = { kind: 'virtualNode', name: self.virtualNodeName };
  const listeners = self.spec.listeners ?? [];
  const clashes = duplicateListenerPorts(listeners);
  const ordered = listeners.map((listener, index) => ({ listener, index })).sort((a, b) => a.listener.portMapping.port - b.listener.portMapping.port);
  const out: IngressPort[] = [];
  for (const { listener, index } of ordered) {
    const clash = clashes.get(index);
    if (clash) {
      p.warn(clash.code, selfId, `spec.listeners[${index}].portMapping.port`, `${clash.message}; compile left this one out`, clash.category);
      continue;
    }
    const mismatch = decideListenerTimeout(listener);
    if (mismatch) p.warn(mismatch.code, selfId, `spec.listeners[${index}].${mismatch.path}`, `${mismatch.message}; compile left it out`, mismatch.category);
    // A timeout names exactly one protocol, so after a mismatch there is none of the listener's own.
    const own = listener.timeout?.[listener.portMapping.protocol];
    out.push({ listener, index, timeout: { perRequest: own && 'perRequest' in own ? own.perRequest : undefined, idle: own?.idle } });
  }
  return out;
}

/** The plan of the proxy bound to `self`, a node of the indexed mesh. */
export function resolveProxy(index: MeshIndex, self: NodeItem): ProxyPlan {
  const p = new Problems();
  return { node: self, ingress: ingressPorts(p, self), backends: backends(index, p, self), unresolved: p.list };
}
