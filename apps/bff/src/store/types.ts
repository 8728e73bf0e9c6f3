// The persistence boundary: resources are JSON documents keyed by mesh, kind, parent and name.
import type { MeshModel, ResourceKind, TagRef } from '@meshwright/model';
import type { WriteLock } from '../appmesh/write-lock';
import type { AuthStore } from './auth-types';
import type { ProxyCertificateStore } from './proxy-certificates';

/** Identifies one stored resource. parentName is the router of a route, '' for everything else. */
export interface ResourceKey {
  kind: ResourceKind;
  meshName: string;
  parentName: string;
  name: string;
}

/** A resource as stored: its spec (already validated) plus the metadata the API reports. */
export interface StoredResource extends ResourceKey {
  spec: Record<string, unknown>;
  tags: TagRef[];
  uid: string;
  version: number;
  /** Epoch milliseconds. */
  createdAt: number;
  lastUpdatedAt: number;
}

/** insert fails with DuplicateKeyError when the key exists (another server may have won a race); put upserts. */
export type StoreWrite =
  | { op: 'insert'; resource: StoredResource }
  | { op: 'put'; resource: StoredResource }
  | { op: 'delete'; key: ResourceKey };

/** A write collided with an existing key (resource or clientToken); the transaction was rolled back. */
export class DuplicateKeyError extends Error {
  constructor(what: string) {
    super(`already exists: ${what}`);
    this.name = 'DuplicateKeyError';
  }
}

/** A remembered clientToken: the request it came with (as a fingerprint) and the answer given. */
export interface ClientTokenRecord {
  token: string;
  operation: string;
  fingerprint: string;
  response: unknown;
}

export interface ListQuery {
  kind: ResourceKind;
  /** Required for everything but meshes. */
  meshName?: string;
  parentName?: string;
  /** Names strictly after this one (keyset pagination). */
  after?: string;
  limit: number;
}

export interface Store {
  get(key: ResourceKey): Promise<StoredResource | undefined>;
  /** Ordered by name. */
  list(query: ListQuery): Promise<StoredResource[]>;
  count(query: Omit<ListQuery, 'after' | 'limit'>): Promise<number>;
  /** Every resource of a mesh, the mesh included (empty when the mesh does not exist). */
  listMesh(meshName: string): Promise<StoredResource[]>;
  /** The whole mesh as analysis and compile read it; undefined when the mesh does not exist. */
  loadMeshModel(meshName: string): Promise<MeshModel | undefined>;
  getClientToken(operation: string, token: string): Promise<ClientTokenRecord | undefined>;
  /** Applies all writes (and remembers the token) in one transaction: all or nothing. */
  apply(writes: StoreWrite[], token?: ClientTokenRecord): Promise<void>;
  /** Access keys, console sessions and the audit trail, in the same database. */
  auth: AuthStore;
  /** Issued xDS client certificates of proxies (serial, proxy, revoked). */
  proxyCertificates: ProxyCertificateStore;
  /** A lock the database holds (PostgreSQL); absent, the process serialises its own writes. */
  writeLock?: WriteLock;
  /** Throws when the store cannot serve (PostgreSQL: a migration this build needs is not applied). */
  checkReady?: () => Promise<void>;
  close(): Promise<void>;
}
