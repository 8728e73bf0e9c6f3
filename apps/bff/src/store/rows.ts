// The row shape both SQL stores share: key columns plus one JSON document.
import type { ResourceKind } from '@meshwright/model';
import type { ResourceKey, StoredResource } from './types';

export interface ResourceRow {
  mesh_name: string;
  kind: string;
  parent_name: string;
  name: string;
  doc: string;
}

type ResourceDoc = Omit<StoredResource, keyof ResourceKey>;

export function toRow(r: StoredResource): ResourceRow {
  const doc: ResourceDoc = {
    spec: r.spec,
    tags: r.tags,
    uid: r.uid,
    version: r.version,
    createdAt: r.createdAt,
    lastUpdatedAt: r.lastUpdatedAt,
  };
  return { mesh_name: r.meshName, kind: r.kind, parent_name: r.parentName, name: r.name, doc: JSON.stringify(doc) };
}

export function fromRow(row: ResourceRow): StoredResource {
  const doc = JSON.parse(row.doc) as ResourceDoc;
  return {
    kind: row.kind as ResourceKind,
    meshName: row.mesh_name,
    parentName: row.parent_name,
    name: row.name,
    ...doc,
  };
}

/** Meshes are keyed with their own name as mesh_name, so one column serves every kind. */
export function keyColumns(key: ResourceKey): [string, string, string, string] {
  return [key.meshName, key.kind, key.parentName, key.name];
}

/**
 * fromRow for point reads, remembering the last resource read per key: a row whose document text is
 * unchanged is not parsed again and yields the same (frozen) object, so what is derived from it can be
 * cached by identity (the API's representation and its JSON). Every read still asks the database, so
 * a write by another replica is seen at once. Bounded: past `size` keys the memory starts over.
 */
export function rowReader(size = 5000): (row: ResourceRow) => StoredResource {
  let seen = new Map<string, { doc: string; resource: StoredResource }>();
  return (row) => {
    const id = `${row.mesh_name}\u0000${row.kind}\u0000${row.parent_name}\u0000${row.name}`;
    const hit = seen.get(id);
    if (hit && hit.doc === row.doc) return hit.resource;
    const resource = Object.freeze(fromRow(row));
    if (seen.size >= size) seen = new Map();
    seen.set(id, { doc: row.doc, resource });
    return resource;
  };
}
