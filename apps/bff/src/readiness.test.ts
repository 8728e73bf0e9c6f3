// Liveness and readiness answer different questions: /healthz while the process runs, /readyz only
// while the store answers, so a load balancer stops sending writes to a replica that lost its database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sqliteVariant } from '../../../testkit/stores';
import { startTestServer } from '../../../testkit/bff';

test('/readyz is 200 while the store answers and 503 naming the store once it does not; /healthz stays 200', async () => {
  const server = await startTestServer(sqliteVariant);
  try {
    assert.deepEqual(await (await fetch(`${server.url}/readyz`)).json(), { status: 'ready' });
    await server.store.close();
    const res = await fetch(`${server.url}/readyz`);
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { message: string }).message, /the store does not answer/);
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  } finally {
    await server.close().catch(() => undefined);
  }
});
