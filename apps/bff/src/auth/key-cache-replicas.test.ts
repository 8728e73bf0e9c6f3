// A found access key is remembered for a moment (access-keys.ts: the store read and the decryption are
// not paid per request). Deleting it through one replica must stop it there at once, and on every
// other replica of the same database as soon as that replica's memory of it runs out.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import { appMeshClient } from '../../../../testkit/bff';
import { apiJson, apiRequest } from '../../../../testkit/http';
import { replicaSet } from '../../../../testkit/replicas';

const set = replicaSet();
after(() => set.close());

const errorName = (p: Promise<unknown>) => p.then(() => 'accepted', (err: unknown) => (err instanceof Error ? err.name : String(err)));

test('a key deleted through replica A is refused by A at once and by replica B soon after (polled, never a fixed wait)', async () => {
  const a = await set.start();
  const b = await set.start();
  const res = await apiJson(a, 'POST', '/api/keys', { name: 'short-lived', role: 'viewer' });
  assert.equal(res.status, 201);
  const made = (await res.json()) as { key: { accessKeyId: string }; secretAccessKey: string };
  const creds = { accessKeyId: made.key.accessKeyId, secretAccessKey: made.secretAccessKey };
  const onA = appMeshClient(a.url, creds);
  const onB = appMeshClient(b.url, creds);
  try {
    // Both replicas have now found (and remember) the key.
    assert.equal(await errorName(onA.send(new ListMeshesCommand({}))), 'accepted');
    assert.equal(await errorName(onB.send(new ListMeshesCommand({}))), 'accepted');
    assert.equal((await apiRequest(a, `/api/keys/${creds.accessKeyId}`, { method: 'DELETE' })).status, 204);
    assert.equal(await errorName(onA.send(new ListMeshesCommand({}))), 'UnrecognizedClientException');
    let outcome = 'accepted';
    for (let i = 0; i < 150 && outcome === 'accepted'; i++) {
      outcome = await errorName(onB.send(new ListMeshesCommand({})));
      if (outcome === 'accepted') await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(outcome, 'UnrecognizedClientException', 'replica B still accepts the deleted key after 15 s');
  } finally {
    onA.destroy();
    onB.destroy();
  }
});
