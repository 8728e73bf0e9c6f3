// Describe and list for the five resource kinds; their writes go through ../write.
import type { ResourceKind } from '@meshwright/model';
import { NotFoundError } from '../http/errors';
import type { ResourceKey } from '../store/types';
import { describeKey, keyOf, kinds, meshKey, routerKey, type ResourceNames } from './kinds';
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
