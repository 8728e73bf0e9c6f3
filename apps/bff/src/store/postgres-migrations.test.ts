// Versioned migrations: several replicas opening one fresh schema at once apply each migration once,
// and /readyz answers 503 while a migration this build needs is missing.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import pg from 'pg';
import { startTestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';
import { pgSetupHint } from '../../../../testkit/stores';
import { latestMigration } from './postgres-migrations';
import { dropPostgresSchema, openPostgresStore } from './postgres-store';

const url = process.env.TEST_DATABASE_URL ?? '';
const schema = `mw_mig_${randomBytes(6).toString('hex')}`;
after(() => (url ? dropPostgresSchema(url, schema) : undefined));

async function sql<R extends pg.QueryResultRow>(text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

test('four stores opening one fresh schema at once apply every migration exactly once', async () => {
  assert.ok(url, pgSetupHint);
  const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore({ connectionString: url, schema })));
  for (const s of stores) await s.close();
  const rows = await sql<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
  assert.deepEqual(rows.map((r) => r.version), Array.from({ length: latestMigration }, (_, i) => i + 1));
});

test('/readyz answers 503 naming the missing migration, 200 once it is applied again', async () => {
  const variant = { name: 'postgres' as const, open: async () => {
    const store = await openPostgresStore({ connectionString: url, schema });
    return { store, dispose: () => store.close() };
  } };
  const server = await startTestServer(variant);
  try {
    assert.equal((await apiRequest(server, '/readyz')).status, 200);
    await sql(`DELETE FROM "${schema}".schema_migrations WHERE version = ${latestMigration}`);
    const res = await fetch(`${server.url}/readyz`);
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { message: string }).message, new RegExp(`schema migrations not applied: ${latestMigration}`));
    // Another replica starting applies it (the statements are idempotent).
    await (await openPostgresStore({ connectionString: url, schema })).close();
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  } finally {
    await server.close();
  }
});
