// Stored resources as App Mesh puts them on the wire: *Data (with metadata and status) and *Ref.
import type { AppConfig } from '../deps';
import type { ResourceKey, StoredResource } from '../store/types';
import { kinds } from './kinds';

export type ResourceStatus = 'ACTIVE' | 'DELETED';

export function arnOf(config: Pick<AppConfig, 'region' | 'accountId'>, key: ResourceKey): string {
  const mesh = `arn:aws:appmesh:${config.region}:${config.accountId}:mesh/${key.meshName}`;
  if (key.kind === 'mesh') return mesh;
  if (key.kind === 'route') return `${mesh}/virtualRouter/${key.parentName}/route/${key.name}`;
  return `${mesh}/${kinds[key.kind].arnSegment}/${key.name}`;
}

/** Epoch seconds, as the rest-json protocol writes timestamps. */
const seconds = (ms: number) => ms / 1000;

/** The name members of a resource: meshName, and virtualRouterName plus routeName for a route. */
function nameMembers(r: StoredResource): Record<string, string> {
  if (r.kind === 'mesh') return { meshName: r.name };
  const own = { [kinds[r.kind].nameMember]: r.name };
  return r.kind === 'route' ? { meshName: r.meshName, virtualRouterName: r.parentName, ...own } : { meshName: r.meshName, ...own };
}

export function toData(config: AppConfig, r: StoredResource, status: ResourceStatus = 'ACTIVE'): Record<string, unknown> {
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

/** Parses an ARN of this account back into a key; undefined for anything else (gateways included). */
export function keyFromArn(config: Pick<AppConfig, 'region' | 'accountId'>, arn: string): ResourceKey | undefined {
  const prefix = `arn:aws:appmesh:${config.region}:${config.accountId}:mesh/`;
  if (!arn.startsWith(prefix)) return undefined;
  const parts = arn.slice(prefix.length).split('/');
  const [meshName, segment, name, sub, subName] = parts;
  if (!meshName) return undefined;
  if (parts.length === 1) return { kind: 'mesh', meshName, parentName: '', name: meshName };
  if (parts.length === 3 && name) {
    if (segment === 'virtualNode' || segment === 'virtualService' || segment === 'virtualRouter') {
      return { kind: segment, meshName, parentName: '', name };
    }
  }
  if (parts.length === 5 && segment === 'virtualRouter' && sub === 'route' && name && subName) {
    return { kind: 'route', meshName, parentName: name, name: subName };
  }
  return undefined;
}
