// Stored rows to the MeshModel that analysis, compile and xDS read.
import type {
  MeshModel,
  ResourceId,
  MeshSpec,
  RouteSpec,
  VirtualNodeSpec,
  VirtualRouterSpec,
  VirtualServiceSpec,
  VirtualGatewaySpec,
  GatewayRouteSpec,
} from '@meshwright/model';
import type { ResourceKey, StoredResource } from './types';

const byName = (a: StoredResource, b: StoredResource) =>
  a.parentName < b.parentName ? -1 : a.parentName > b.parentName ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

// Specs were validated by the model's schemas before they were written, hence the casts.
export function meshModelFromRows(rows: readonly StoredResource[]): MeshModel | undefined {
  // One pass into buckets: this runs on every write, over meshes of up to thousands of resources.
  let mesh: StoredResource | undefined;
  const buckets: Record<Exclude<StoredResource['kind'], 'mesh'>, StoredResource[]> = {
    virtualNode: [],
    virtualRouter: [],
    route: [],
    virtualService: [],
    virtualGateway: [],
    gatewayRoute: [],
  };
  for (const r of rows) {
    if (r.kind === 'mesh') mesh = r;
    else buckets[r.kind].push(r);
  }
  if (!mesh) return undefined;
  for (const list of Object.values(buckets)) list.sort(byName);
  const tags = (r: StoredResource) => (r.tags.length > 0 ? { tags: r.tags } : {});
  return {
    mesh: { meshName: mesh.name, spec: mesh.spec as MeshSpec, ...tags(mesh) },
    virtualNodes: buckets.virtualNode.map((r) => ({ virtualNodeName: r.name, spec: r.spec as VirtualNodeSpec, ...tags(r) })),
    virtualRouters: buckets.virtualRouter.map((r) => ({ virtualRouterName: r.name, spec: r.spec as VirtualRouterSpec, ...tags(r) })),
    routes: buckets.route.map((r) => ({ virtualRouterName: r.parentName, routeName: r.name, spec: r.spec as RouteSpec, ...tags(r) })),
    virtualServices: buckets.virtualService.map((r) => ({ virtualServiceName: r.name, spec: r.spec as VirtualServiceSpec, ...tags(r) })),
    virtualGateways: buckets.virtualGateway.map((r) => ({ virtualGatewayName: r.name, spec: r.spec as VirtualGatewaySpec, ...tags(r) })),
    gatewayRoutes: buckets.gatewayRoute.map((r) => ({ virtualGatewayName: r.parentName, gatewayRouteName: r.name, spec: r.spec as GatewayRouteSpec, ...tags(r) })),
  };
}

/** Sort key matching byName: routes by router, then name. \u0000 sorts before every other character. */
const sortKey = (parentName: string, name: string) => `${parentName}\u0000${name}`;

/** Replaces or inserts at the sorted position, in a copy: O(n) pointer copies, no per-item work. */
function upsertSorted<T>(list: readonly T[], item: T, keyOf: (t: T) => string): T[] {
  const key = keyOf(item);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const k = keyOf(list[mid] as T);
    if (k < key) lo = mid + 1;
    else hi = mid;
  }
  const copy = list.slice();
  const at = list[lo];
  if (at !== undefined && keyOf(at) === key) copy[lo] = item;
  else copy.splice(lo, 0, item);
  return copy;
}

const tagsOf = (r: StoredResource) => (r.tags.length > 0 ? { tags: r.tags } : {});

// The last withResource result per model: the write path builds its `after` with withResource, and the
// store updates its cached model with the same call after the commit; both get the same object, so
// the store holds the model the write judged (no second copy) and analyses cached on it stay valid.
const lastWith = new WeakMap<MeshModel, { r: StoredResource; out: MeshModel }>();

// For a model withResource or withoutResource made: the model it was made from and the one resource that
// changed, so the judge can analyse only what the change affects. Weak, so a model does not keep every
// model before it alive.
const derivations = new WeakMap<MeshModel, { parent: WeakRef<MeshModel>; changed: ResourceId }>();

/** The model `model` was made from by one resource change, if it still exists, and that resource (named as findings name it). */
export function derivationOf(model: MeshModel): { parent: MeshModel; changed: ResourceId } | undefined {
  const d = derivations.get(model);
  const parent = d?.parent.deref();
  return d && parent ? { parent, changed: d.changed } : undefined;
}

function derived(parent: MeshModel, out: MeshModel, key: Pick<ResourceKey, 'kind' | 'parentName' | 'name'>): MeshModel {
  derivations.set(out, { parent: new WeakRef(parent), changed: { kind: key.kind, name: key.parentName ? `${key.parentName}/${key.name}` : key.name } });
  return out;
}

/** The model with one resource added or replaced (its mesh must be the model's). Pure: equal input, same object. */
export function withResource(model: MeshModel, r: StoredResource): MeshModel {
  const last = lastWith.get(model);
  if (last?.r === r) return last.out;
  const out = derived(model, withResourceCopy(model, r), r);
  lastWith.set(model, { r, out });
  return out;
}

function withResourceCopy(model: MeshModel, r: StoredResource): MeshModel {
  switch (r.kind) {
    case 'mesh':
      return { ...model, mesh: { meshName: r.name, spec: r.spec as MeshSpec, ...tagsOf(r) } };
    case 'virtualNode':
      return { ...model, virtualNodes: upsertSorted(model.virtualNodes, { virtualNodeName: r.name, spec: r.spec as VirtualNodeSpec, ...tagsOf(r) }, (n) => n.virtualNodeName) };
    case 'virtualRouter':
      return { ...model, virtualRouters: upsertSorted(model.virtualRouters, { virtualRouterName: r.name, spec: r.spec as VirtualRouterSpec, ...tagsOf(r) }, (n) => n.virtualRouterName) };
    case 'route':
      return {
        ...model,
        routes: upsertSorted(model.routes, { virtualRouterName: r.parentName, routeName: r.name, spec: r.spec as RouteSpec, ...tagsOf(r) }, (n) => sortKey(n.virtualRouterName, n.routeName)),
      };
    case 'virtualService':
      return { ...model, virtualServices: upsertSorted(model.virtualServices, { virtualServiceName: r.name, spec: r.spec as VirtualServiceSpec, ...tagsOf(r) }, (n) => n.virtualServiceName) };
    case 'virtualGateway':
      return { ...model, virtualGateways: upsertSorted(model.virtualGateways, { virtualGatewayName: r.name, spec: r.spec as VirtualGatewaySpec, ...tagsOf(r) }, (n) => n.virtualGatewayName) };
    case 'gatewayRoute':
      return {
        ...model,
        gatewayRoutes: upsertSorted(
          model.gatewayRoutes,
          { virtualGatewayName: r.parentName, gatewayRouteName: r.name, spec: r.spec as GatewayRouteSpec, ...tagsOf(r) },
          (n) => sortKey(n.virtualGatewayName, n.gatewayRouteName),
        ),
      };
  }
}

/** The model without one resource; undefined when the mesh itself goes. */
export function withoutResource(model: MeshModel, key: ResourceKey): MeshModel | undefined {
  const out = withoutResourceCopy(model, key);
  return out && derived(model, out, key);
}

function withoutResourceCopy(model: MeshModel, key: ResourceKey): MeshModel | undefined {
  switch (key.kind) {
    case 'mesh':
      return undefined;
    case 'virtualNode':
      return { ...model, virtualNodes: model.virtualNodes.filter((n) => n.virtualNodeName !== key.name) };
    case 'virtualRouter':
      return { ...model, virtualRouters: model.virtualRouters.filter((n) => n.virtualRouterName !== key.name) };
    case 'route':
      return { ...model, routes: model.routes.filter((n) => !(n.virtualRouterName === key.parentName && n.routeName === key.name)) };
    case 'virtualService':
      return { ...model, virtualServices: model.virtualServices.filter((n) => n.virtualServiceName !== key.name) };
    case 'virtualGateway':
      return { ...model, virtualGateways: model.virtualGateways.filter((n) => n.virtualGatewayName !== key.name) };
    case 'gatewayRoute':
      return { ...model, gatewayRoutes: model.gatewayRoutes.filter((n) => !(n.virtualGatewayName === key.parentName && n.gatewayRouteName === key.name)) };
  }
}
