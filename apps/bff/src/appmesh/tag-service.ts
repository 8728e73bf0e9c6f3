// TagResource, UntagResource and ListTagsForResource, addressed by ARN.
import type { TagRef } from '@meshwright/model';
import { NotFoundError, TooManyTagsError } from '../http/errors';
import type { StoredResource } from '../store/types';
import { describeKey, findingName } from './kinds';
import { decodePageToken, encodePageToken } from './page-token';
import { keyFromArn } from './representation';
import type { ServiceContext } from './service-context';

async function resourceAt(ctx: ServiceContext, arn: string): Promise<StoredResource> {
  const key = keyFromArn(ctx.config, arn);
  if (!key) throw new NotFoundError(`resourceArn: ${arn} is not the ARN of a mesh, virtual node, virtual service, virtual router, route, virtual gateway or gateway route here`);
  const found = await ctx.store.get(key);
  if (!found) throw new NotFoundError(`resourceArn: ${describeKey(key)} does not exist`);
  return found;
}

async function retag(ctx: ServiceContext, arn: string, change: (tags: TagRef[]) => TagRef[]): Promise<Record<string, never>> {
  return ctx.lock.run({ meshName: keyFromArn(ctx.config, arn)?.meshName ?? '' }, async () => {
    const found = await resourceAt(ctx, arn);
    const tags = change(found.tags);
    if (tags.length > ctx.quotas.tagsPerResource) {
      throw new TooManyTagsError(`tags: the resource would have ${tags.length} tags; the limit is ${ctx.quotas.tagsPerResource}`);
    }
    await ctx.store.apply([{ op: 'put', resource: { ...found, tags } }]);
    ctx.notify({ meshName: found.meshName, kind: found.kind, name: findingName(found), action: 'tag' });
    return {};
  });
}

export function tagResource(ctx: ServiceContext, input: { resourceArn: string; tags: TagRef[] }) {
  return retag(ctx, input.resourceArn, (current) => {
    const byKey = new Map(current.map((t) => [t.key, t.value]));
    for (const t of input.tags) byKey.set(t.key, t.value);
    return [...byKey].map(([key, value]) => ({ key, value }));
  });
}

export function untagResource(ctx: ServiceContext, input: { resourceArn: string; tagKeys: string[] }) {
  const drop = new Set(input.tagKeys);
  return retag(ctx, input.resourceArn, (current) => current.filter((t) => !drop.has(t.key)));
}

export async function listTagsForResource(
  ctx: ServiceContext,
  input: { resourceArn: string; limit?: number | undefined; nextToken?: string | undefined },
): Promise<Record<string, unknown>> {
  const found = await resourceAt(ctx, input.resourceArn);
  const sorted = [...found.tags].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const scope = JSON.stringify(['tags', input.resourceArn]);
  const after = input.nextToken === undefined ? undefined : decodePageToken(scope, input.nextToken);
  const rest = after === undefined ? sorted : sorted.filter((t) => t.key > after);
  const limit = input.limit ?? 100;
  const page = rest.slice(0, limit);
  const last = page[page.length - 1];
  return { tags: page, ...(rest.length > limit && last ? { nextToken: encodePageToken(scope, last.key) } : {}) };
}
