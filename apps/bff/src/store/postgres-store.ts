// The shared store: PostgreSQL through `pg`, same tables and semantics as SQLite.
import pg from 'pg';
import { meshModelFromRows } from './mesh-model';
import { postgresAuthStore } from './postgres-auth-store';
import { postgresProxyCertificates } from './proxy-certificates';
import { checkMigrated, migrate } from './postgres-migrations';
import { postgresWriteLock } from './postgres-write-lock';
import { fromRow, keyColumns, rowReader, toRow, type ResourceRow } from './rows';
import { DuplicateKeyError, type ClientTokenRecord, type ListQuery, type Store, type StoreWrite } from './types';

export interface PostgresStoreOptions {
  connectionString: string;
  /** Tables live in this schema (created if missing); tests use a fresh one per run. */
  schema?: string;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schemaName = options.schema ?? 'public';
  if (!/^[a-z_][a-z0-9_]*$/.test(schemaName)) throw new Error(`invalid schema name: ${schemaName}`);
  const s = `"${schemaName}"`;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 8 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  await migrate(pool, schemaName);
  const auth = await postgresAuthStore(pool, s);
  const proxyCertificates = await postgresProxyCertificates(pool, s);
  const writeLock = postgresWriteLock(pool, schemaName);
  // Inside a write, reads see (and writes join) the write's locked transaction.
  const db = () => writeLock.current()?.client ?? pool;
  const rows = async (sql: string, params: unknown[]) => (await db().query<ResourceRow>(sql, params)).rows;
  const keyWhere = 'mesh_name = $1 AND kind = $2 AND parent_name = $3 AND name = $4';

  const listRows = (q: ListQuery) =>
    q.kind === 'mesh'
      ? rows(`SELECT * FROM ${s}.resources WHERE kind = 'mesh' AND name > $1 ORDER BY name LIMIT $2`, [q.after ?? '', q.limit])
      : rows(
          `SELECT * FROM ${s}.resources WHERE mesh_name = $1 AND kind = $2 AND parent_name = $3 AND name > $4 ORDER BY name LIMIT $5`,
          [q.meshName ?? '', q.kind, q.parentName ?? '', q.after ?? '', q.limit],
        );

  const readRow = rowReader();
  const listMeshRows = (meshName: string) => rows(`SELECT * FROM ${s}.resources WHERE mesh_name = $1`, [meshName]);

  return {
    proxyCertificates,
    async get(key) {
      const [row] = await rows(`SELECT * FROM ${s}.resources WHERE ${keyWhere}`, keyColumns(key));
      return row ? readRow(row) : undefined;
    },
    async list(q) {
      return (await listRows(q)).map(fromRow);
    },
    async count(q) {
      const result =
        q.kind === 'mesh'
          ? await db().query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${s}.resources WHERE kind = 'mesh'`)
          : await db().query<{ n: string }>(
              `SELECT COUNT(*) AS n FROM ${s}.resources WHERE mesh_name = $1 AND kind = $2 AND parent_name = $3`,
              [q.meshName ?? '', q.kind, q.parentName ?? ''],
            );
      return Number(result.rows[0]?.n ?? 0);
    },
    async listMesh(meshName) {
      return (await listMeshRows(meshName)).map(fromRow);
    },
    async loadMeshModel(meshName) {
      return meshModelFromRows((await listMeshRows(meshName)).map(fromRow));
    },
    async getClientToken(operation, token) {
      const result = await db().query<{ fingerprint: string; response: string }>(
        `SELECT fingerprint, response FROM ${s}.client_tokens WHERE operation = $1 AND token = $2`,
        [operation, token],
      );
      const row = result.rows[0];
      return row ? { operation, token, fingerprint: row.fingerprint, response: JSON.parse(row.response) as unknown } : undefined;
    },
    async apply(writes: StoreWrite[], token?: ClientTokenRecord) {
      const tx = writeLock.current();
      // Within a locked write the writes join its transaction; a savepoint keeps them all or nothing.
      const client = tx?.client ?? (await pool.connect());
      const [begin, commit, rollback] = tx ? ['SAVEPOINT mw_apply', 'RELEASE SAVEPOINT mw_apply', 'ROLLBACK TO SAVEPOINT mw_apply'] : ['BEGIN', 'COMMIT', 'ROLLBACK'];
      try {
        await client.query(begin);
        for (const w of writes) {
          if (w.op === 'insert' || w.op === 'put') {
            const r = toRow(w.resource);
            const upsert = w.op === 'put' ? ' ON CONFLICT (mesh_name, kind, parent_name, name) DO UPDATE SET doc = EXCLUDED.doc' : '';
            await client.query(
              `INSERT INTO ${s}.resources (mesh_name, kind, parent_name, name, doc) VALUES ($1, $2, $3, $4, $5)${upsert}`,
              [r.mesh_name, r.kind, r.parent_name, r.name, r.doc],
            );
          } else {
            await client.query(`DELETE FROM ${s}.resources WHERE ${keyWhere}`, keyColumns(w.key));
          }
        }
        if (token) {
          await client.query(
            `INSERT INTO ${s}.client_tokens (operation, token, fingerprint, response) VALUES ($1, $2, $3, $4)`,
            [token.operation, token.token, token.fingerprint, JSON.stringify(token.response)],
          );
        }
        await client.query(commit);
      } catch (err) {
        await client.query(rollback).catch(() => undefined);
        // 23505 unique_violation: another writer (possibly another server) got there first.
        if (err instanceof Error && 'code' in err && err.code === '23505') throw new DuplicateKeyError(err.message);
        throw err;
      } finally {
        if (!tx) client.release();
      }
    },
    auth,
    writeLock,
    checkReady: () => checkMigrated(pool, schemaName),
    async close() {
      await pool.end();
    },
  };
}

/** Drops a schema made for a test run. */
export async function dropPostgresSchema(connectionString: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
