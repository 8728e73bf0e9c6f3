// Store rows a write makes: what App Mesh fills in and how it keeps tags, for every write path alike.
import type { MeshModel, ResourceKind, TagRef } from '@meshwright/model';
import type { ServiceContext } from '../appmesh/service-context';
import type { ResourceKey, StoredResource } from '../store/types';

/** App Mesh fills in the mesh's egress default, so describe shows what the mesh actually does. */
export function specFor(kind: ResourceKind, spec: unknown): Record<string, unknown> {
  const s = (spec ?? {}) as Record<string, unknown>;
  return kind === 'mesh' && s.egressFilter === undefined ? { ...s, egressFilter: { type: 'DROP_ALL' } } : s;
}

/** One entry per key, the last value winning, as TagResource does: a resource never holds a key twice. */
export function distinctTags(tags: readonly TagRef[] | undefined): TagRef[] {
  return [...new Map((tags ?? []).map((t) => [t.key, t.value]))].map(([key, value]) => ({ key, value }));
}

export function newRow(ctx: ServiceContext, key: ResourceKey, spec: unknown, tags: readonly TagRef[] | undefined): StoredResource {
  const now = ctx.now();
  return { ...key, spec: specFor(key.kind, spec), tags: distinctTags(tags), uid: ctx.newId(), version: 1, createdAt: now, lastUpdatedAt: now };
}

/** Update replaces the whole spec; version counts the updates. */
export function updatedRow(ctx: ServiceContext, existing: StoredResource, spec: unknown): StoredResource {
  return { ...existing, spec: specFor(existing.kind, spec), version: existing.version + 1, lastUpdatedAt: ctx.now() };
}

/** Every resource of a mesh model as new rows, in creation order. */
export function rowsOfModel(ctx: ServiceContext, model: MeshModel): StoredResource[] {
  const meshName = model.mesh.meshName;
  const key = (kind: ResourceKind, name: string, parentName = ''): ResourceKey => ({ kind, meshName, parentName, name });
  return [
    newRow(ctx, key('mesh', meshName), model.mesh.spec, model.mesh.tags),
    ...model.virtualNodes.map((n) => newRow(ctx, key('virtualNode', n.virtualNodeName), n.spec, n.tags)),
    ...model.virtualRouters.map((r) => newRow(ctx, key('virtualRouter', r.virtualRouterName), r.spec, r.tags)),
    ...model.routes.map((r) => newRow(ctx, key('route', r.routeName, r.virtualRouterName), r.spec, r.tags)),
    ...model.virtualServices.map((s) => newRow(ctx, key('virtualService', s.virtualServiceName), s.spec, s.tags)),
    ...model.virtualGateways.map((g) => newRow(ctx, key('virtualGateway', g.virtualGatewayName), g.spec, g.tags)),
    ...model.gatewayRoutes.map((r) => newRow(ctx, key('gatewayRoute', r.gatewayRouteName, r.virtualGatewayName), r.spec, r.tags)),
  ];
}
