// Every reference one resource of a mesh makes to another, walked once. Analysis reports the ones that
// point at nothing, the BFF refuses deletes that would break one, and the topology draws them as edges.
import type { ResourceId } from '../analysis/finding';
import type { MeshModel } from '../input/mesh-model';
import { routeKindOf } from '../route/schema';
import { gatewayRouteKindOf } from '../gateway-route/schema';

/**
 * What a reference means: a service's `provider`; a route's membership of its `router`; a route's
 * weighted `target`; a gateway route's membership of its `gateway`; a gateway route's target
 * virtual service (`gatewayTarget`); a node's `backend`.
 */
export type ReferenceRelation = 'provider' | 'router' | 'target' | 'gateway' | 'gatewayTarget' | 'backend';

export interface MeshReference {
  relation: ReferenceRelation;
  /** The referring resource. Routes are named `<router>/<route>`, gateway routes `<gateway>/<route>`. */
  from: ResourceId;
  /** JSON path of the reference inside the referring resource's CLI-input document. */
  path: string;
  /** The resource referred to; it may not exist. */
  to: ResourceId;
  /** Whether `to` exists in the mesh. */
  resolved: boolean;
  /** For targets: the weight; for targets and gateway targets: the port the target names, if any. */
  weight?: number;
  port?: number;
}

/**
 * Every reference of the mesh, in a stable order: providers, router memberships, route targets,
 * gateway memberships, gateway targets, backends; each group sorted by the referring resource's
 * name, then by position in it.
 */
export function meshReferences(model: MeshModel): MeshReference[] {
  const names: Partial<Record<ResourceId['kind'], Set<string>>> = {
    virtualNode: new Set(model.virtualNodes.map((n) => n.virtualNodeName)),
    virtualRouter: new Set(model.virtualRouters.map((r) => r.virtualRouterName)),
    virtualService: new Set(model.virtualServices.map((s) => s.virtualServiceName)),
    virtualGateway: new Set(model.virtualGateways.map((g) => g.virtualGatewayName)),
  };
  const exists = (to: ResourceId) => names[to.kind]?.has(to.name) ?? false;
  const refs: MeshReference[] = [];
  const add = (r: Omit<MeshReference, 'resolved'>) => refs.push({ ...r, resolved: exists(r.to) });

  for (const s of byName(model.virtualServices, (s) => s.virtualServiceName)) {
    const from: ResourceId = { kind: 'virtualService', name: s.virtualServiceName };
    const provider = s.spec.provider;
    if (provider?.virtualNode) {
      add({ relation: 'provider', from, path: 'spec.provider.virtualNode.virtualNodeName', to: { kind: 'virtualNode', name: provider.virtualNode.virtualNodeName } });
    } else if (provider?.virtualRouter) {
      add({ relation: 'provider', from, path: 'spec.provider.virtualRouter.virtualRouterName', to: { kind: 'virtualRouter', name: provider.virtualRouter.virtualRouterName } });
    }
  }
  const routes = byName(model.routes, (r) => `${r.virtualRouterName}/${r.routeName}`);
  for (const r of routes) {
    add({ relation: 'router', from: { kind: 'route', name: `${r.virtualRouterName}/${r.routeName}` }, path: 'virtualRouterName', to: { kind: 'virtualRouter', name: r.virtualRouterName } });
  }
  for (const r of routes) {
    const from: ResourceId = { kind: 'route', name: `${r.virtualRouterName}/${r.routeName}` };
    const kind = routeKindOf(r.spec);
    (r.spec[kind]?.action.weightedTargets ?? []).forEach((t, i) => {
      const ref: Omit<MeshReference, 'resolved'> = {
        relation: 'target',
        from,
        path: `spec.${kind}.action.weightedTargets[${i}].virtualNode`,
        to: { kind: 'virtualNode', name: t.virtualNode },
        weight: t.weight,
      };
      if (t.port !== undefined) ref.port = t.port;
      add(ref);
    });
  }
  addGatewayReferences(model, add);
  for (const n of byName(model.virtualNodes, (n) => n.virtualNodeName)) {
    const from: ResourceId = { kind: 'virtualNode', name: n.virtualNodeName };
    (n.spec.backends ?? []).forEach((b, i) => {
      const name = b.virtualService?.virtualServiceName;
      if (name !== undefined) add({ relation: 'backend', from, path: `spec.backends[${i}].virtualService.virtualServiceName`, to: { kind: 'virtualService', name } });
    });
  }
  return refs;
}

/** Each gateway route's membership of its gateway, then each gateway route's target service. */
function addGatewayReferences(model: MeshModel, add: (r: Omit<MeshReference, 'resolved'>) => void): void {
  const routes = byName(model.gatewayRoutes, (r) => `${r.virtualGatewayName}/${r.gatewayRouteName}`);
  const fromOf = (r: (typeof routes)[number]): ResourceId => ({ kind: 'gatewayRoute', name: `${r.virtualGatewayName}/${r.gatewayRouteName}` });
  for (const r of routes) {
    add({ relation: 'gateway', from: fromOf(r), path: 'virtualGatewayName', to: { kind: 'virtualGateway', name: r.virtualGatewayName } });
  }
  for (const r of routes) {
    const kind = gatewayRouteKindOf(r.spec);
    const target = r.spec[kind]?.action.target;
    if (target === undefined) continue;
    const ref: Omit<MeshReference, 'resolved'> = {
      relation: 'gatewayTarget',
      from: fromOf(r),
      path: `spec.${kind}.action.target.virtualService.virtualServiceName`,
      to: { kind: 'virtualService', name: target.virtualService.virtualServiceName },
    };
    if (target.port !== undefined) ref.port = target.port;
    add(ref);
  }
}

/**
 * The references that keep `id` from being deleted (App Mesh's ResourceInUseException): targets and
 * providers that name it, a router's routes, a gateway's gateway routes and a gateway route's target
 * service. Backends do not block: App Mesh lets a node name a
 * service that does not exist yet.
 */
export function blockingReferences(model: MeshModel, id: ResourceId): MeshReference[] {
  return meshReferences(model).filter(
    (r) => r.relation !== 'backend' && r.to.kind === id.kind && r.to.name === id.name && !(r.from.kind === id.kind && r.from.name === id.name),
  );
}

function byName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
}
