// The embedded store: one SQLite file in WAL mode; every apply() is one transaction.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { MeshModel } from '@meshwright/model';
import { sqliteAuthStore } from './sqlite-auth-store';
import { meshModelFromRows, withResource, withoutResource } from './mesh-model';
import { sqliteProxyCertificates } from './proxy-certificates';
import { fromRow, keyColumns, toRow, type ResourceRow } from './rows';
import { DuplicateKeyError, type ClientTokenRecord, type ListQuery, type ResourceKey, type Store, type StoreWrite, type StoredResource } from './types';

const schema = `
CREATE TABLE IF NOT EXISTS resources (
  mesh_name TEXT NOT NULL, kind TEXT NOT NULL, parent_name TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL,
  PRIMARY KEY (mesh_name, kind, parent_name, name)
);
CREATE INDEX IF NOT EXISTS resources_by_kind ON resources (kind, name);
CREATE TABLE IF NOT EXISTS client_tokens (
  operation TEXT NOT NULL, token TEXT NOT NULL, fingerprint TEXT NOT NULL, response TEXT NOT NULL,
  PRIMARY KEY (operation, token)
);`;

/** Another process already has this SQLite file open. */
export class SqliteInUseError extends Error {
  constructor(readonly path: string) {
    super(`${path} is in use by another meshwright process; run one process per SQLite file, or set DATABASE_URL to a PostgreSQL database to run several replicas`);
    this.name = 'SqliteInUseError';
  }
}

/** Opens (creating if needed) `<dataDir>/meshwright.db`; pass ':memory:' as file for a throwaway store. */
export function openSqliteStore(options: { dataDir: string; file?: string }): Store {
  let path = options.file ?? 'meshwright.db';
  if (path !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true });
    path = join(options.dataDir, path);
  }
  const db = new Database(path, { timeout: 0 });
  // One process per SQLite file: the lock is taken now and held until close, so a second meshwright
  // on the same file stops at once instead of sharing (and splitting) the write lock and sync state.
  db.pragma('locking_mode = EXCLUSIVE');
  try {
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') throw new SqliteInUseError(path);
    throw err;
  }
  // NORMAL in WAL mode still never corrupts; a committed write survives a process kill.
  db.pragma('synchronous = NORMAL');
  db.exec(schema);

  const stmt = {
    get: db.prepare<string[], ResourceRow>(
      'SELECT * FROM resources WHERE mesh_name = ? AND kind = ? AND parent_name = ? AND name = ?',
    ),
    listMeshes: db.prepare<[string, number], ResourceRow>(
      "SELECT * FROM resources WHERE kind = 'mesh' AND name > ? ORDER BY name LIMIT ?",
    ),
    listChildren: db.prepare<[string, string, string, string, number], ResourceRow>(
      'SELECT * FROM resources WHERE mesh_name = ? AND kind = ? AND parent_name = ? AND name > ? ORDER BY name LIMIT ?',
    ),
    countMeshes: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM resources WHERE kind = 'mesh'"),
    countChildren: db.prepare<[string, string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM resources WHERE mesh_name = ? AND kind = ? AND parent_name = ?',
    ),
    listMesh: db.prepare<[string], ResourceRow>('SELECT * FROM resources WHERE mesh_name = ?'),
    put: db.prepare<ResourceRow>(
      `INSERT INTO resources (mesh_name, kind, parent_name, name, doc) VALUES (@mesh_name, @kind, @parent_name, @name, @doc)
       ON CONFLICT (mesh_name, kind, parent_name, name) DO UPDATE SET doc = excluded.doc`,
    ),
    insert: db.prepare<ResourceRow>(
      'INSERT INTO resources (mesh_name, kind, parent_name, name, doc) VALUES (@mesh_name, @kind, @parent_name, @name, @doc)',
    ),
    delete: db.prepare<string[]>('DELETE FROM resources WHERE mesh_name = ? AND kind = ? AND parent_name = ? AND name = ?'),
    getToken: db.prepare<[string, string], { fingerprint: string; response: string }>(
      'SELECT fingerprint, response FROM client_tokens WHERE operation = ? AND token = ?',
    ),
    putToken: db.prepare<[string, string, string, string]>(
      'INSERT INTO client_tokens (operation, token, fingerprint, response) VALUES (?, ?, ?, ?)',
    ),
  };

  // Each mesh's MeshModel, built once and then updated after every commit: writes go through this
  // process only (one server owns its SQLite file), and every write analyses the whole mesh, so
  // re-reading and re-parsing it per write would make writes O(mesh size) in JSON work.
  // Cached models are shared: callers treat them as immutable (updates replace arrays, never mutate).
  const models = new Map<string, MeshModel>();
  const updateModels = (writes: StoreWrite[]) => {
    for (const w of writes) {
      const meshName = w.op === 'delete' ? w.key.meshName : w.resource.meshName;
      const cached = models.get(meshName);
      if (!cached) continue;
      const next = w.op === 'delete' ? withoutResource(cached, w.key) : withResource(cached, w.resource);
      if (next) models.set(meshName, next);
      else models.delete(meshName);
    }
  };

  /** The rows a transaction wrote (null: deleted), in its order; what get() knows once it commits. */
  const applyAll = db.transaction((writes: StoreWrite[], token: ClientTokenRecord | undefined, rows: (ResourceRow | null)[]) => {
    for (const w of writes) {
      if (w.op === 'delete') {
        stmt.delete.run(...keyColumns(w.key));
        rows.push(null);
        continue;
      }
      const row = toRow(w.resource);
      if (w.op === 'insert') stmt.insert.run(row);
      else stmt.put.run(row);
      rows.push(row);
    }
    if (token) stmt.putToken.run(token.operation, token.token, token.fingerprint, JSON.stringify(token.response));
  });

  // Point reads from memory: this process holds the file's only lock (locking_mode EXCLUSIVE), so every
  // write goes through apply() below, which forgets what it changed (rememberWrites). Bounded: past 5,000 keys it starts over.
  let resources = new Map<string, StoredResource>();
  // The rows apply() wrote, as the database now holds them: the next read of one parses it from here
  // (as it would from the database) instead of querying again. A route changed over and over (weights
  // shifted by a deployment) costs one query less per change. Bounded like `resources`.
  let written = new Map<string, ResourceRow>();
  const idOf = (key: ResourceKey) => `${key.meshName}\u0000${key.kind}\u0000${key.parentName}\u0000${key.name}`;
  /** After a commit: parsed reads of what changed are forgotten, the written rows remembered (deletes forgotten). */
  const rememberWrites = (writes: StoreWrite[], rows: (ResourceRow | null)[]) => {
    writes.forEach((w, i) => {
      const id = idOf(w.op === 'delete' ? w.key : w.resource);
      resources.delete(id);
      const row = rows[i];
      if (!row) written.delete(id);
      else {
        if (written.size >= 5000) written = new Map();
        written.set(id, row);
      }
    });
  };
  const listRows = (q: ListQuery): ResourceRow[] =>
    q.kind === 'mesh'
      ? stmt.listMeshes.all(q.after ?? '', q.limit)
      : stmt.listChildren.all(q.meshName ?? '', q.kind, q.parentName ?? '', q.after ?? '', q.limit);

  return {
    async get(key: ResourceKey): Promise<StoredResource | undefined> {
      const id = idOf(key);
      const known = resources.get(id);
      if (known) return known;
      const row = written.get(id) ?? stmt.get.get(...keyColumns(key));
      if (!row) return undefined;
      written.delete(id);
      // Frozen: callers share it, and what is derived from it is cached by its identity (representation.ts).
      const found = Object.freeze(fromRow(row));
      if (resources.size >= 5000) resources = new Map();
      resources.set(id, found);
      return found;
    },
    async list(q) {
      return listRows(q).map(fromRow);
    },
    async count(q) {
      const row = q.kind === 'mesh' ? stmt.countMeshes.get() : stmt.countChildren.get(q.meshName ?? '', q.kind, q.parentName ?? '');
      return row?.n ?? 0;
    },
    async listMesh(meshName) {
      return stmt.listMesh.all(meshName).map(fromRow);
    },
    async loadMeshModel(meshName) {
      const cached = models.get(meshName);
      if (cached) return cached;
      const model = meshModelFromRows(stmt.listMesh.all(meshName).map(fromRow));
      // Only existing meshes are cached, so lookups of made-up names cannot grow the cache.
      if (model) models.set(meshName, model);
      return model;
    },
    async getClientToken(operation, token) {
      const row = stmt.getToken.get(operation, token);
      return row ? { operation, token, fingerprint: row.fingerprint, response: JSON.parse(row.response) as unknown } : undefined;
    },
    async apply(writes, token) {
      const rows: (ResourceRow | null)[] = [];
      try {
        applyAll(writes, token, rows);
      } catch (err) {
        if (err instanceof Database.SqliteError && err.code.startsWith('SQLITE_CONSTRAINT')) throw new DuplicateKeyError(err.message);
        throw err;
      }
      rememberWrites(writes, rows);
      updateModels(writes);
    },
    auth: sqliteAuthStore(db),
    proxyCertificates: sqliteProxyCertificates(db),
    async close() {
      db.close();
    },
  };
}
