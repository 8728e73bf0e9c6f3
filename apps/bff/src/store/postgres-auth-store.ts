// Access keys, sessions and the audit trail in PostgreSQL (same pool and schema as the resources), so
// a key created or a session opened on one replica works on every other.
import type pg from 'pg';
import {
  auditColumns,
  auditFromRow,
  auditValues,
  auditWhere,
  keyFromRow,
  keyToRow,
  sessionFromRow,
  type AuditRow,
  type AuthStore,
  type KeyRow,
  type SessionRow,
} from './auth-types';

/** `s` is the quoted schema name. */
export async function postgresAuthStore(pool: pg.Pool, s: string): Promise<AuthStore> {
  // One transaction under a lock: replicas starting together must not both create a table.
  await pool.query(`
    SELECT pg_advisory_xact_lock(hashtextextended('meshwright-auth:${s}', 0));
    CREATE TABLE IF NOT EXISTS ${s}.access_keys (
      access_key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, meshes TEXT NOT NULL,
      secret_cipher TEXT NOT NULL, created_at BIGINT NOT NULL, last_used_at BIGINT
    );
    CREATE TABLE IF NOT EXISTS ${s}.sessions (
      token_hash TEXT PRIMARY KEY, access_key_id TEXT NOT NULL, csrf_token TEXT NOT NULL,
      created_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${s}.audit_events (
      seq BIGSERIAL PRIMARY KEY, time BIGINT NOT NULL, access_key_id TEXT NOT NULL, operation TEXT NOT NULL,
      resource TEXT NOT NULL, mesh TEXT NOT NULL, outcome TEXT NOT NULL, request_id TEXT NOT NULL, message TEXT NOT NULL
    );`);
  const q = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await pool.query<R>(sql, params)).rows;
  return {
    async countKeys() {
      const [row] = await q<{ n: string }>(`SELECT COUNT(*) AS n FROM ${s}.access_keys`);
      return Number(row?.n ?? 0);
    },
    async getKey(id) {
      const [row] = await q<KeyRow>(`SELECT * FROM ${s}.access_keys WHERE access_key_id = $1`, [id]);
      return row ? keyFromRow(row) : undefined;
    },
    async listKeys() {
      return (await q<KeyRow>(`SELECT * FROM ${s}.access_keys ORDER BY created_at, access_key_id`)).map(keyFromRow);
    },
    async putKey(key) {
      const r = keyToRow(key);
      await q(
        `INSERT INTO ${s}.access_keys (access_key_id, name, role, meshes, secret_cipher, created_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (access_key_id) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, meshes = EXCLUDED.meshes,
         secret_cipher = EXCLUDED.secret_cipher`,
        [r.access_key_id, r.name, r.role, r.meshes, r.secret_cipher, r.created_at, r.last_used_at],
      );
    },
    async deleteKey(id) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`DELETE FROM ${s}.sessions WHERE access_key_id = $1`, [id]);
        const result = await client.query(`DELETE FROM ${s}.access_keys WHERE access_key_id = $1`, [id]);
        await client.query('COMMIT');
        return (result.rowCount ?? 0) > 0;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async touchKey(id, at) {
      await q(`UPDATE ${s}.access_keys SET last_used_at = $1 WHERE access_key_id = $2`, [at, id]);
    },
    async putSession(x) {
      await q(`INSERT INTO ${s}.sessions (token_hash, access_key_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $5)`, [
        x.tokenHash,
        x.accessKeyId,
        x.csrfToken,
        x.createdAt,
        x.lastSeenAt,
      ]);
    },
    async getSession(hash) {
      const [row] = await q<SessionRow>(`SELECT * FROM ${s}.sessions WHERE token_hash = $1`, [hash]);
      return row ? sessionFromRow(row) : undefined;
    },
    async touchSession(hash, at) {
      await q(`UPDATE ${s}.sessions SET last_seen_at = $1 WHERE token_hash = $2`, [at, hash]);
    },
    async deleteSession(hash) {
      await q(`DELETE FROM ${s}.sessions WHERE token_hash = $1`, [hash]);
    },
    async appendAudit(event, keep) {
      const values = auditValues(event);
      await q(`INSERT INTO ${s}.audit_events (${auditColumns.join(', ')}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
      // Pruning races between replicas are harmless: each deletes what is past the bound.
      await q(`DELETE FROM ${s}.audit_events WHERE seq <= (SELECT MAX(seq) FROM ${s}.audit_events) - $1`, [keep]);
    },
    async listAudit(query) {
      const { where, values } = auditWhere(query, (i) => `$${i}`);
      const rows = await q<AuditRow>(`SELECT * FROM ${s}.audit_events ${where} ORDER BY seq DESC LIMIT $${values.length + 1}`, [...values, query.limit]);
      return rows.map(auditFromRow);
    },
  };
}
