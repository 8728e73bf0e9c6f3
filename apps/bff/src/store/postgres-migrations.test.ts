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

test('migration 3 keys proxy_status by kind, labelling the gateway rows a replica wrote before it', async () => {
  const old = `${schema}_v2`;
  try {
    await (await openPostgresStore({ connectionString: url, schema: old })).close();
    // The table as replicas made it before migration 3: no proxy_kind.
    await sql(`ALTER TABLE "${old}".proxy_status DROP COLUMN proxy_kind; DELETE FROM "${old}".schema_migrations WHERE version = 3;
      INSERT INTO "${old}".proxy_status (replica_id, stream_id, mesh_name, node_name, status) VALUES
        ('r', '1', 'm', 'edge', '{"nodeId":"mesh/m/virtualNode/edge"}'),
        ('r', '2', 'm', 'edge', '{"nodeId":"arn:aws:appmesh:us-west-2:000000000000:mesh/m/virtualGateway/edge"}')`);
    await (await openPostgresStore({ connectionString: url, schema: old })).close();
    const rows = await sql<{ stream_id: string; proxy_kind: string }>(`SELECT stream_id, proxy_kind FROM "${old}".proxy_status ORDER BY stream_id`);
    assert.deepEqual(rows.map((r) => [r.stream_id, r.proxy_kind]), [['1', 'virtualNode'], ['2', 'virtualGateway']]);
  } finally {
    await dropPostgresSchema(url, old);
  }
});
