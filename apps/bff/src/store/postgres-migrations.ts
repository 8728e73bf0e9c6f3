// Versioned schema migrations for PostgreSQL: schema_migrations records what ran. All pending ones run
// in one transaction under an advisory lock, so replicas starting together apply each exactly once
// (the others wait, then find nothing left to do). Statements are idempotent, so a database made
// before migrations existed is taken over as is. Append new migrations; never edit an applied one.
import type pg from 'pg';
import { changeTriggerSql } from './postgres-changes';
import { proxyStatusTableSql } from './postgres-proxy-status';

interface Migration {
  version: number;
  name: string;
  sql: (schema: string) => string;
}

// C collation so names sort byte-wise exactly as SQLite sorts them (pagination tokens agree).
const resourcesSql = (schema: string) => {
  const s = `"${schema}"`;
  return `
    CREATE TABLE IF NOT EXISTS ${s}.resources (
      mesh_name TEXT COLLATE "C" NOT NULL, kind TEXT NOT NULL, parent_name TEXT COLLATE "C" NOT NULL,
      name TEXT COLLATE "C" NOT NULL, doc TEXT NOT NULL,
      PRIMARY KEY (mesh_name, kind, parent_name, name)
    );
    CREATE INDEX IF NOT EXISTS resources_by_kind ON ${s}.resources (kind, name);
    CREATE TABLE IF NOT EXISTS ${s}.client_tokens (
      operation TEXT NOT NULL, token TEXT NOT NULL, fingerprint TEXT NOT NULL, response TEXT NOT NULL,
      PRIMARY KEY (operation, token)
    );`;
};

export const migrations: readonly Migration[] = [
  { version: 1, name: 'resources and client tokens', sql: resourcesSql },
  { version: 2, name: 'change sequence and NOTIFY trigger', sql: changeTriggerSql },
  { version: 3, name: 'shared sync status keyed by proxy kind', sql: proxyStatusTableSql },
];

export const latestMigration = migrations.reduce((m, x) => Math.max(m, x.version), 0);

/** Applies what is missing; returns the versions this call applied. */
export async function migrate(pool: pg.Pool, schema: string): Promise<number[]> {
  const s = `"${schema}"`;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`meshwright:${schema}:schema`]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`)).rows.map((r) => r.version));
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await client.query(m.sql(schema));
      await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Throws unless every migration this build knows is applied (what /readyz asks). */
export async function checkMigrated(db: pg.Pool, schema: string): Promise<void> {
  const result = await db.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations`);
  const have = new Set(result.rows.map((r) => r.version));
  const missing = migrations.filter((m) => !have.has(m.version)).map((m) => m.version);
  if (missing.length > 0) throw new Error(`schema migrations not applied: ${missing.join(', ')} (of ${latestMigration})`);
}
