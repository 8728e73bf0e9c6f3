// A node's xDS snapshot: the compile output for one virtual node, encoded once into Any bytes per
// resource, with a content hash per resource and per type so unchanged output is never pushed again.
import { createHash } from 'node:crypto';
import { encodeAny, type EncodedAny } from './any-encoder';
import type { EnvoyTypes } from './protos';

export const TYPE_URL = {
  clusters: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  listeners: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  routes: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
} as const;

export type XdsKind = keyof typeof TYPE_URL;

/** Make-before-break: clusters first, then the listeners that use them, then their routes. */
export const PUSH_ORDER: readonly XdsKind[] = ['clusters', 'listeners', 'routes'];

export function kindOfTypeUrl(typeUrl: string): XdsKind | undefined {
  return PUSH_ORDER.find((k) => TYPE_URL[k] === typeUrl);
}

/** What compile returns as resources: Envoy v3 objects in JSON form, each with `@type` and `name`. */
export type ResourceSet = Record<XdsKind, readonly object[]>;

export interface EncodedResource {
  name: string;
  any: EncodedAny;
  /** sha256 of type and bytes: equal hashes mean Envoy would see the same resource. */
  hash: string;
}

export interface NodeSnapshot {
  meshName: string;
  nodeName: string;
  resources: Record<XdsKind, ReadonlyMap<string, EncodedResource>>;
  /** versionOf each kind's full set, computed once per snapshot (reused when a kind's entries are unchanged). */
  versions: Record<XdsKind, string>;
}

/** Versions of one-resource sets (a route configuration, as most RDS subscriptions name one): one per encoded resource. */
const singleVersions = new WeakMap<EncodedResource, string>();

/** A version string for a list of resources: their names and hashes, so equal content = equal version. */
export function versionOf(resources: readonly EncodedResource[]): string {
  const only = resources.length === 1 ? resources[0] : undefined;
  if (only) {
    // The encode cache hands out one object per content, so every node whose set is that one resource
    // (1,000 callers of a changed route) shares one hash instead of computing it each.
    let version = singleVersions.get(only);
    if (version === undefined) {
      version = hashVersion(resources);
      singleVersions.set(only, version);
    }
    return version;
  }
  return hashVersion(resources);
}

function hashVersion(resources: readonly EncodedResource[]): string {
  const h = createHash('sha256');
  for (const r of [...resources].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    h.update(r.name).update('\0').update(r.hash).update('\0');
  }
  return h.digest('hex').slice(0, 12);
}

function nameOf(resource: object, kind: XdsKind, index: number): string {
  const name = (resource as { name?: unknown }).name;
  if (typeof name !== 'string' || name === '') throw new Error(`${kind}[${index}]: resource without a name`);
  return name;
}

/**
 * Encoded resources by their JSON text. Encoding is most of the cost of a push and most resources
 * do not change between pushes (and many are identical across the nodes of a mesh), so each distinct
 * resource is encoded once. Least recently used entries go first past the byte budget.
 */
export class EncodeCache {
  private readonly entries = new Map<string, EncodedResource>();
  // Compile hands back the very object it made before for output a change cannot alter (and
  // compile output is never mutated), so an object seen before needs no JSON text to be found.
  private readonly byObject = new WeakMap<object, EncodedResource>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  ofObject(resource: object): EncodedResource | undefined {
    return this.byObject.get(resource);
  }

  rememberObject(resource: object, value: EncodedResource): void {
    this.byObject.set(resource, value);
  }

  get(key: string): EncodedResource | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: EncodedResource): void {
    if (this.entries.has(key)) return;
    this.entries.set(key, value);
    this.bytes += sizeOf(key, value);
    for (const [oldKey, oldValue] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= sizeOf(oldKey, oldValue);
    }
  }
}

const sizeOf = (key: string, value: EncodedResource) => key.length * 2 + value.any.value.length + 200;

/** Whether two maps hold the very same encoded entries (the encode cache hands out one object per content). */
function sameEntries(a: ReadonlyMap<string, EncodedResource>, b: ReadonlyMap<string, EncodedResource>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, r] of a) if (b.get(name) !== r) return false;
  return true;
}

/**
 * Encodes every resource (each distinct one once, through `cache`); throws an EncodeError naming the
 * resource and JSON path on bad input. A kind whose entries are those of `previous` keeps its version
 * without hashing again: after a change, most kinds of most nodes are unchanged.
 */
export function buildSnapshot(types: EnvoyTypes, meshName: string, nodeName: string, set: ResourceSet, cache?: EncodeCache, previous?: NodeSnapshot): NodeSnapshot {
  const resources = {} as Record<XdsKind, Map<string, EncodedResource>>;
  for (const kind of PUSH_ORDER) {
    const byName = new Map<string, EncodedResource>();
    set[kind].forEach((resource, i) => {
      const name = nameOf(resource, kind, i);
      const typeUrl = (resource as { '@type'?: unknown })['@type'];
      if (typeUrl !== TYPE_URL[kind]) throw new Error(`${kind}[${i}] ${name}: @type must be ${TYPE_URL[kind]}`);
      if (byName.has(name)) throw new Error(`${kind}[${i}]: duplicate name ${name}`);
      const seen = cache?.ofObject(resource);
      if (seen) {
        byName.set(name, seen);
        return;
      }
      const key = cache ? JSON.stringify(resource) : '';
      const cached = cache?.get(key);
      if (cached) {
        cache?.rememberObject(resource, cached);
        byName.set(name, cached);
        return;
      }
      const any = encodeAny(types, resource, `${kind}[${i}](${name})`);
      const hash = createHash('sha256').update(any.type_url).update(any.value).digest('hex');
      const encoded = { name, any, hash };
      cache?.set(key, encoded);
      cache?.rememberObject(resource, encoded);
      byName.set(name, encoded);
    });
    resources[kind] = byName;
  }
  const versions = {} as Record<XdsKind, string>;
  for (const kind of PUSH_ORDER) {
    versions[kind] = previous && sameEntries(resources[kind], previous.resources[kind]) ? previous.versions[kind] : versionOf([...resources[kind].values()]);
  }
  return { meshName, nodeName, resources, versions };
}
