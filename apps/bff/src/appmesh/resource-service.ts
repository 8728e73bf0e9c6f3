// Describe and list for the seven resource kinds; their writes go through ../write.
import type { ResourceKind } from '@meshwright/model';
import { NotFoundError } from '../http/errors';
import type { ResourceKey } from '../store/types';
import { describeKey, keyOf, kinds, meshKey, parentKey, parentNameOf, type ResourceNames } from './kinds';
import { decodePageToken, encodePageToken } from './page-token';
import { toData, toRef } from './representation';
import type { ServiceContext } from './service-context';

type Output = Record<string, unknown>;

async function requireExisting(ctx: ServiceContext, key: ResourceKey): Promise<void> {
  if (!(await ctx.store.get(key))) throw new NotFoundError(`${describeKey(key)} does not exist`);
}

export async function describeResource(ctx: ServiceContext, kind: ResourceKind, input: ResourceNames): Promise<Output> {
  const key = keyOf(kind, input);
  const found = await ctx.store.get(key);
  if (!found) {
    // Name the missing container when that is what is missing.
    if (kind !== 'mesh') await requireExisting(ctx, meshKey(key.meshName));
    const parent = parentKey(key);
    if (parent) await requireExisting(ctx, parent);
    throw new NotFoundError(`${describeKey(key)} does not exist`);
  }
  return { [kind]: toData(ctx.config, found) };
}

export interface ListInput {
  meshName?: string | undefined;
  virtualRouterName?: string | undefined;
  virtualGatewayName?: string | undefined;
  limit?: number | undefined;
  nextToken?: string | undefined;
}

export async function listResources(ctx: ServiceContext, kind: ResourceKind, input: ListInput): Promise<Output> {
  const meshName = input.meshName ?? '';
  const parentName = parentNameOf(kind, { ...input, meshName });
  if (kind !== 'mesh') await requireExisting(ctx, meshKey(meshName));
  const parent = parentKey({ kind, meshName, parentName, name: '' });
  if (parent) await requireExisting(ctx, parent);
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
