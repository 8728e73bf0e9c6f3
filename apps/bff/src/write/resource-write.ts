// The App Mesh API's creates and updates through the write path (see index.ts for the order of checks).
import type { Finding, ResourceKind, TagRef } from '@meshwright/model';
import { checkClientToken } from '../appmesh/client-token';
import { describeKey, findingName, keyOf, kinds, meshKey, parentKey, type ResourceNames } from '../appmesh/kinds';
import { toData } from '../appmesh/representation';
import type { ServiceContext } from '../appmesh/service-context';
import { ConflictError, NotFoundError } from '../http/errors';
import { meshModelFromRows, withResource } from '../store/mesh-model';
import type { ResourceKey } from '../store/types';
import { changeEvent, commit } from './commit';
import { writeError } from './judge';
import { newRow, updatedRow } from './rows';

export interface WriteInput extends ResourceNames {
  clientToken?: string | undefined;
  spec?: unknown;
  tags?: TagRef[] | undefined;
}

export type WriteMode = 'create' | 'update';
type Output = Record<string, unknown>;

/** The mesh (and the router of a route, the gateway of a gateway route) must exist before anything is done inside them. */
export async function requireContainers(ctx: ServiceContext, key: ResourceKey): Promise<void> {
  if (key.kind === 'mesh') return;
  if (!(await ctx.store.get(meshKey(key.meshName)))) throw new NotFoundError(`mesh ${key.meshName} does not exist`);
  const parent = parentKey(key);
  if (parent && !(await ctx.store.get(parent))) throw new NotFoundError(`${describeKey(parent)} does not exist`);
}

/**
 * The written resource's findings. On a create, quota findings on its containers (the mesh, the
 * router of a route, the gateway of a gateway route) count too: the new resource is what exceeds them.
 */
function ownFinding(written: ResourceKey, mode: WriteMode): (f: Finding) => boolean {
  const name = findingName(written);
  const parent = parentKey(written);
  const containers = new Set([`mesh/${written.meshName}`, ...(parent ? [`${parent.kind}/${parent.name}`] : [])]);
  return (f) =>
    (f.resource.kind === written.kind && f.resource.name === name) ||
    (mode === 'create' && f.category === 'quota' && containers.has(`${f.resource.kind}/${f.resource.name}`));
}

export function writeResource(ctx: ServiceContext, mode: WriteMode, kind: ResourceKind, input: WriteInput): Promise<Output> {
  const operation = `${mode === 'create' ? 'Create' : 'Update'}${kinds[kind].opName}`;
  return ctx.lock.run({ meshName: input.meshName, account: kind === 'mesh' && mode === 'create' }, async () => {
    // A replay answers as the first request did, even after later changes: before any check.
    const token = await checkClientToken(ctx, operation, input);
    if (token.replay !== undefined) return token.replay as Output;
    const key = keyOf(kind, input);
    await requireContainers(ctx, key);
    const existing = await ctx.store.get(key);
    if (mode === 'create' && existing) throw new ConflictError(`${describeKey(key)} already exists`);
    if (mode === 'update' && !existing) throw new NotFoundError(`${describeKey(key)} does not exist`);
    const resource = existing ? updatedRow(ctx, existing, input.spec) : newRow(ctx, key, input.spec, input.tags);
    const meshCount = kind === 'mesh' && mode === 'create' ? (await ctx.store.count({ kind: 'mesh' })) + 1 : undefined;
    // The whole mesh as it would be after the write: what the model's analysis judges.
    const before = await ctx.store.loadMeshModel(key.meshName);
    const after = before ? withResource(before, resource) : meshModelFromRows([resource]);
    // The shared options object unless this write needs its own: findings are cached per options object.
    const options = meshCount !== undefined ? { ...ctx.analysis, meshCount } : ctx.analysis;
    const blocked = after && writeError({ before, after, isOwn: ownFinding(key, mode), options });
    if (blocked) throw blocked;
    const output = { [kind]: toData(ctx.config, resource) };
    const raced = () => new ConflictError(`${describeKey(key)} was created concurrently by another request`);
    await commit(ctx, { writes: [{ op: mode === 'create' ? 'insert' : 'put', resource }], record: token.record?.(output), raced }, { ...changeEvent(key, mode), model: after });
    return output;
  });
}
