// Stored resources as App Mesh puts them on the wire: *Data (with metadata and status) and *Ref.
import type { AppConfig } from '../deps';
import type { ResourceKey, StoredResource } from '../store/types';
import type { ResourceKind } from '@meshwright/model';
import { kinds, parentMember } from './kinds';

export type ResourceStatus = 'ACTIVE' | 'DELETED';

export function arnOf(config: Pick<AppConfig, 'region' | 'accountId'>, key: ResourceKey): string {
  const mesh = `arn:aws:appmesh:${config.region}:${config.accountId}:mesh/${key.meshName}`;
  if (key.kind === 'mesh') return mesh;
  const { parent, arnSegment } = kinds[key.kind];
  const under = parent ? `${mesh}/${kinds[parent].arnSegment}/${key.parentName}` : mesh;
  return `${under}/${arnSegment}/${key.name}`;
}

/** Epoch seconds, as the rest-json protocol writes timestamps. */
const seconds = (ms: number) => ms / 1000;

/** The name members of a resource: meshName, its parent's (virtualRouterName, virtualGatewayName) and its own. */
function nameMembers(r: StoredResource): Record<string, string> {
  if (r.kind === 'mesh') return { meshName: r.name };
  const parent = kinds[r.kind].parent;
  return { meshName: r.meshName, ...(parent ? { [parentMember[parent]]: r.parentName } : {}), [kinds[r.kind].nameMember]: r.name };
}

/** Active representations by stored resource: an unchanged resource (the same object from the store's rowReader) is not rebuilt. */
const activeData = new WeakMap<StoredResource, { config: AppConfig; data: Record<string, unknown> }>();

/** The *Data shape. Callers must not change what it returns: the active one is shared between requests. */
export function toData(config: AppConfig, r: StoredResource, status: ResourceStatus = 'ACTIVE'): Record<string, unknown> {
  if (status !== 'ACTIVE') return buildData(config, r, status);
  const hit = activeData.get(r);
  if (hit?.config === config) return hit.data;
  const data = buildData(config, r, status);
  activeData.set(r, { config, data });
  return data;
}

function buildData(config: AppConfig, r: StoredResource, status: ResourceStatus): Record<string, unknown> {
  return {
    ...nameMembers(r),
    spec: r.spec,
    metadata: {
      arn: arnOf(config, r),
      uid: r.uid,
      version: r.version,
      createdAt: seconds(r.createdAt),
      lastUpdatedAt: seconds(r.lastUpdatedAt),
      meshOwner: config.accountId,
      resourceOwner: config.accountId,
    },
    status: { status },
  };
}

export function toRef(config: AppConfig, r: StoredResource): Record<string, unknown> {
  return {
    ...nameMembers(r),
    arn: arnOf(config, r),
    meshOwner: config.accountId,
    resourceOwner: config.accountId,
    createdAt: seconds(r.createdAt),
    lastUpdatedAt: seconds(r.lastUpdatedAt),
    version: r.version,
  };
}

const topLevel = new Map<string, ResourceKind>(
  Object.values(kinds).flatMap((k) => (k.kind !== 'mesh' && !k.parent ? [[k.arnSegment, k.kind] as const] : [])),
);
const nested = new Map<string, ResourceKind>(
  Object.values(kinds).flatMap((k) => (k.parent ? [[`${kinds[k.parent].arnSegment}/${k.arnSegment}`, k.kind] as const] : [])),
);

/** Parses an ARN of this account back into a key; undefined for anything else. */
export function keyFromArn(config: Pick<AppConfig, 'region' | 'accountId'>, arn: string): ResourceKey | undefined {
  const prefix = `arn:aws:appmesh:${config.region}:${config.accountId}:mesh/`;
  if (!arn.startsWith(prefix)) return undefined;
  const parts = arn.slice(prefix.length).split('/');
  if (parts.some((p) => p === '')) return undefined;
  const [meshName = '', segment = '', name = '', sub = '', subName = ''] = parts;
  if (parts.length === 1) return { kind: 'mesh', meshName, parentName: '', name: meshName };
  const kind = parts.length === 3 ? topLevel.get(segment) : parts.length === 5 ? nested.get(`${segment}/${sub}`) : undefined;
  if (!kind) return undefined;
  return parts.length === 3 ? { kind, meshName, parentName: '', name } : { kind, meshName, parentName: name, name: subName };
}
