// Access keys, sessions and the audit trail in the server's SQLite file (same connection as the resources).
import type Database from 'better-sqlite3';
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

export const authSchema = `
CREATE TABLE IF NOT EXISTS access_keys (
  access_key_id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, meshes TEXT NOT NULL,
  secret_cipher TEXT NOT NULL, created_at INTEGER NOT NULL, last_used_at INTEGER
);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, access_key_id TEXT NOT NULL, csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL, last_seen_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL, access_key_id TEXT NOT NULL, operation TEXT NOT NULL,
  resource TEXT NOT NULL, mesh TEXT NOT NULL, outcome TEXT NOT NULL, request_id TEXT NOT NULL, message TEXT NOT NULL
);`;

export function sqliteAuthStore(db: Database.Database): AuthStore {
  db.exec(authSchema);
  const stmt = {
    countKeys: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM access_keys'),
    getKey: db.prepare<[string], KeyRow>('SELECT * FROM access_keys WHERE access_key_id = ?'),
    listKeys: db.prepare<[], KeyRow>('SELECT * FROM access_keys ORDER BY created_at, access_key_id'),
    putKey: db.prepare<KeyRow>(
      `INSERT INTO access_keys (access_key_id, name, role, meshes, secret_cipher, created_at, last_used_at)
       VALUES (@access_key_id, @name, @role, @meshes, @secret_cipher, @created_at, @last_used_at)
       ON CONFLICT (access_key_id) DO UPDATE SET name = excluded.name, role = excluded.role, meshes = excluded.meshes,
       secret_cipher = excluded.secret_cipher`,
    ),
    deleteKey: db.prepare<[string]>('DELETE FROM access_keys WHERE access_key_id = ?'),
    deleteSessionsOf: db.prepare<[string]>('DELETE FROM sessions WHERE access_key_id = ?'),
    touchKey: db.prepare<[number, string]>('UPDATE access_keys SET last_used_at = ? WHERE access_key_id = ?'),
    putSession: db.prepare<SessionRow>(
      'INSERT INTO sessions (token_hash, access_key_id, csrf_token, created_at, last_seen_at) VALUES (@token_hash, @access_key_id, @csrf_token, @created_at, @last_seen_at)',
    ),
    getSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?'),
    touchSession: db.prepare<[number, string]>('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?'),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?'),
    appendAudit: db.prepare<(string | number)[]>(`INSERT INTO audit_events (${auditColumns.join(', ')}) VALUES (${auditColumns.map(() => '?').join(', ')})`),
    pruneAudit: db.prepare<[number]>('DELETE FROM audit_events WHERE seq <= (SELECT MAX(seq) FROM audit_events) - ?'),
  };
  const deleteKey = db.transaction((id: string) => {
    stmt.deleteSessionsOf.run(id);
    return stmt.deleteKey.run(id).changes > 0;
  });
  const appendAudit = db.transaction((values: (string | number)[], keep: number) => {
    stmt.appendAudit.run(...values);
    stmt.pruneAudit.run(keep);
  });
  return {
    async countKeys() {
      return stmt.countKeys.get()?.n ?? 0;
    },
    async getKey(id) {
      const row = stmt.getKey.get(id);
      return row ? keyFromRow(row) : undefined;
    },
    async listKeys() {
      return stmt.listKeys.all().map(keyFromRow);
    },
    async putKey(key) {
      stmt.putKey.run(keyToRow(key));
    },
    async deleteKey(id) {
      return deleteKey(id);
    },
    async touchKey(id, at) {
      stmt.touchKey.run(at, id);
    },
    async putSession(s) {
      stmt.putSession.run({ token_hash: s.tokenHash, access_key_id: s.accessKeyId, csrf_token: s.csrfToken, created_at: s.createdAt, last_seen_at: s.lastSeenAt });
    },
    async getSession(hash) {
      const row = stmt.getSession.get(hash);
      return row ? sessionFromRow(row) : undefined;
    },
    async touchSession(hash, at) {
      stmt.touchSession.run(at, hash);
    },
    async deleteSession(hash) {
      stmt.deleteSession.run(hash);
    },
    async appendAudit(event, keep) {
      appendAudit(auditValues(event), keep);
    },
    async listAudit(q) {
      const { where, values } = auditWhere(q, () => '?');
      return db
        .prepare<(string | number)[], AuditRow>(`SELECT * FROM audit_events ${where} ORDER BY seq DESC LIMIT ?`)
        .all(...values, q.limit)
        .map(auditFromRow);
    },
  };
}
