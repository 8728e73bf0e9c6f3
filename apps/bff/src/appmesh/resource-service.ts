// Create, describe, update, delete and list for the five resource kinds, with App Mesh's rules.
import type { ResourceKind, TagRef } from '@meshwright/model';
import { ConflictError, LimitExceededError, NotFoundError, ResourceInUseError } from '../http/errors';
import { meshModelFromRows, withResource } from '../store/mesh-model';
import { DuplicateKeyError, type ResourceKey, type StoredResource } from '../store/types';
import { checkClientToken } from './client-token';
import { blockingDependents } from './dependents';
import { describeKey, keyOf, kinds, meshKey, routerKey, type ResourceNames } from './kinds';
import { writeError } from './model-checks';
import { decodePageToken, encodePageToken } from './page-token';
import { toData, toRef } from './representation';
import type { ServiceContext } from './service-context';

export interface WriteInput extends ResourceNames {
  clientToken?: string | undefined;
  spec?: unknown;
  tags?: TagRef[] | undefined;
}

type Output = Record<string, unknown>;

/** App Mesh fills in the mesh's egress default, so describe shows what the mesh actually does. */
function specFor(kind: ResourceKind, spec: unknown): Record<string, unknown> {
  const s = (spec ?? {}) as Record<string, unknown>;
  return kind === 'mesh' && s.egressFilter === undefined ? { ...s, egressFilter: { type: 'DROP_ALL' } } : s;
}

/** The mesh (and the router of a route) must exist before anything is done inside them. */
async function requireContainers(ctx: ServiceContext, key: ResourceKey): Promise<void> {
  if (key.kind === 'mesh') return;
  if (!(await ctx.store.get(meshKey(key.meshName)))) throw new NotFoundError(`mesh ${key.meshName} does not exist`);
  if (key.kind === 'route' && !(await ctx.store.get(routerKey(key.meshName, key.parentName)))) {
    throw new NotFoundError(`virtual router ${key.parentName} does not exist in mesh ${key.meshName}`);
  }
}

type Change = (key: ResourceKey, existing: StoredResource | undefined) => { resource: StoredResource; isCreate: boolean };

async function write(ctx: ServiceContext, operation: string, input: WriteInput, kind: ResourceKind, change: Change): Promise<Output> {
  return ctx.lock.run(async () => {
    const token = await checkClientToken(ctx, operation, input);
    if (token.replay !== undefined) return token.replay as Output;
    const key = keyOf(kind, input);
    await requireContainers(ctx, key);
    const { resource, isCreate } = change(key, await ctx.store.get(key));
    const meshCount = kind === 'mesh' && isCreate ? (await ctx.store.count({ kind: 'mesh' })) + 1 : undefined;
    // The whole mesh as it would be after the write: what the model's analysis judges.
    const before = await ctx.store.loadMeshModel(key.meshName);
    const after = before ? withResource(before, resource) : meshModelFromRows([resource]);
    const blocked = after && writeError({ before, after, written: key, isCreate, quotas: ctx.quotas, meshCount });
    if (blocked) throw blocked;
    const output = { [kind]: toData(ctx.config, resource) };
    try {
      await ctx.store.apply([{ op: isCreate ? 'insert' : 'put', resource }], token.record?.(output));
    } catch (err) {
      if (err instanceof DuplicateKeyError) throw new ConflictError(`${describeKey(key)} was created concurrently by another request`);
      throw err;
    }
    ctx.notify({ meshName: key.meshName, kind, name: key.kind === 'route' ? `${key.parentName}/${key.name}` : key.name, action: isCreate ? 'create' : 'update' });
    return output;
  });
}

export function createResource(ctx: ServiceContext, kind: ResourceKind, input: WriteInput): Promise<Output> {
  return write(ctx, `Create${kinds[kind].opName}`, input, kind, (key, existing) => {
    if (existing) throw new ConflictError(`${describeKey(key)} already exists`);
    // One entry per key, the last value winning, as TagResource does: a resource never holds a key twice.
    const tags = [...new Map((input.tags ?? []).map((t) => [t.key, t.value]))].map(([key, value]) => ({ key, value }));
    if (tags.length > ctx.quotas.tagsPerResource) {
      throw new LimitExceededError(`tags: ${tags.length} tags exceed the limit of ${ctx.quotas.tagsPerResource} per resource`);
    }
    const now = ctx.now();
    const resource: StoredResource = { ...key, spec: specFor(kind, input.spec), tags, uid: ctx.newId(), version: 1, createdAt: now, lastUpdatedAt: now };
    return { resource, isCreate: true };
  });
}

export function updateResource(ctx: ServiceContext, kind: ResourceKind, input: WriteInput): Promise<Output> {
  return write(ctx, `Update${kinds[kind].opName}`, input, kind, (key, existing) => {
    if (!existing) throw new NotFoundError(`${describeKey(key)} does not exist`);
    // Update replaces the whole spec; version counts the updates.
    const resource = { ...existing, spec: specFor(kind, input.spec), version: existing.version + 1, lastUpdatedAt: ctx.now() };
    return { resource, isCreate: false };
  });
}

export async function deleteResource(ctx: ServiceContext, kind: ResourceKind, input: ResourceNames): Promise<Output> {
  return ctx.lock.run(async () => {
    const key = keyOf(kind, input);
    await requireContainers(ctx, key);
    const existing = await ctx.store.get(key);
    if (!existing) throw new NotFoundError(`${describeKey(key)} does not exist`);
    const rows = await ctx.store.listMesh(key.meshName);
    const blocker = blockingDependents(key, rows);
    if (blocker) throw new ResourceInUseError(blocker);
    await ctx.store.apply([{ op: 'delete', key }]);
    ctx.notify({ meshName: key.meshName, kind, name: key.kind === 'route' ? `${key.parentName}/${key.name}` : key.name, action: 'delete' });
    return { [kind]: toData(ctx.config, existing, 'DELETED') };
  });
}

async function requireExisting(ctx: ServiceContext, key: ResourceKey): Promise<void> {
  if (!(await ctx.store.get(key))) throw new NotFoundError(`${describeKey(key)} does not exist`);
}

export async function describeResource(ctx: ServiceContext, kind: ResourceKind, input: ResourceNames): Promise<Output> {
  const key = keyOf(kind, input);
  const found = await ctx.store.get(key);
  if (!found) {
    // Name the missing container when that is what is missing.
    if (kind !== 'mesh') await requireExisting(ctx, meshKey(key.meshName));
    if (kind === 'route') await requireExisting(ctx, routerKey(key.meshName, key.parentName));
    throw new NotFoundError(`${describeKey(key)} does not exist`);
  }
  return { [kind]: toData(ctx.config, found) };
}

export interface ListInput {
  meshName?: string | undefined;
  virtualRouterName?: string | undefined;
  limit?: number | undefined;
  nextToken?: string | undefined;
}

export async function listResources(ctx: ServiceContext, kind: ResourceKind, input: ListInput): Promise<Output> {
  const meshName = input.meshName ?? '';
  const parentName = kind === 'route' ? (input.virtualRouterName ?? '') : '';
  if (kind !== 'mesh') await requireExisting(ctx, meshKey(meshName));
  if (kind === 'route') await requireExisting(ctx, routerKey(meshName, parentName));
  const limit = input.limit ?? 100;
  const scope = JSON.stringify([kind, kind === 'mesh' ? '' : meshName, parentName]);
  const after = input.nextToken === undefined ? undefined : decodePageToken(scope, input.nextToken);
  const page = await ctx.store.list({ kind, meshName, parentName, limit: limit + 1, ...(after !== undefined ? { after } : {}) });
  const items = page.slice(0, limit);
  const last = items[items.length - 1];
  return {
    [kinds[kind].listMember]: items.map((r) => toRef(ctx.config, r)),
    ...(page.length > limit && last ? { nextToken: encodePageToken(scope, last.name) } : {}),
  };
}
