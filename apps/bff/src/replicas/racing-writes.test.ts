// Two servers on one PostgreSQL schema, each with its own process-level state, racing on the same
// writes: the database alone must serialise them (advisory locks in the write's transaction).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import {
  ListVirtualNodesCommand,
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  CreateVirtualServiceCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualServiceCommand,
  DescribeVirtualNodeCommand,
  UpdateVirtualNodeCommand,
} from '@aws-sdk/client-app-mesh';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { pgSetupHint, type StoreVariant } from '../../../../testkit/stores';
import { dropPostgresSchema, openPostgresStore } from '../store/postgres-store';

const url = process.env.TEST_DATABASE_URL;
const schema = `mw_race_${randomBytes(6).toString('hex')}`;
// Both servers open the same schema: two replicas of one deployment.
const sharedSchema: StoreVariant = {
  name: 'postgres',
  async open() {
    if (!url) throw new Error(pgSetupHint);
    const store = await openPostgresStore({ connectionString: url, schema });
    return { store, dispose: () => store.close() };
  },
};

let a: TestServer;
let b: TestServer;
const quotas = { meshes: 2, virtualNodesPerMesh: 3 };
before(async () => {
  a = await startTestServer(sharedSchema, { config: { quotas } });
  b = await startTestServer(sharedSchema, { config: { quotas } });
  await a.client.send(new CreateMeshCommand({ meshName: 'race' }));
});
after(async () => {
  await a.close();
  await b.close();
  if (url) await dropPostgresSchema(url, schema);
});

const node = (name: string, hostname = `${name}.local`) => ({
  meshName: 'race',
  virtualNodeName: name,
  spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' as const } }], serviceDiscovery: { dns: { hostname } } },
});
const nodeNames = async (s: TestServer) =>
  ((await s.client.send(new ListVirtualNodesCommand({ meshName: 'race' }))).virtualNodes ?? []).map((n) => n.virtualNodeName);
const errorName = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && r.reason instanceof Error ? r.reason.name : r.status);

test('the same create on two replicas at once: one success and one ConflictException, every time', async () => {
  for (let i = 0; i < 8; i++) {
    const results = await Promise.allSettled([a, b].map((s) => s.client.send(new CreateVirtualNodeCommand(node(`dup-${i}`)))));
    assert.deepEqual(results.map(errorName).sort(), ['ConflictException', 'fulfilled'], `round ${i}`);
    await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: `dup-${i}` }));
  }
});

test('concurrent updates through both replicas: versions +1 each, none lost', async () => {
  await a.client.send(new CreateVirtualNodeCommand(node('versioned')));
  const updates = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).client.send(new UpdateVirtualNodeCommand(node('versioned', `v${i}.local`))));
  const versions = (await Promise.all(updates)).map((r) => r.virtualNode?.metadata?.version);
  assert.deepEqual([...versions].sort((x, y) => Number(x) - Number(y)), Array.from({ length: 12 }, (_, i) => i + 2));
  const now = await b.client.send(new DescribeVirtualNodeCommand({ meshName: 'race', virtualNodeName: 'versioned' }));
  assert.equal(now.virtualNode?.metadata?.version, 13);
  await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: 'versioned' }));
});

test('one clientToken sent to both replicas at once creates once and both get the same answer', async () => {
  const clientToken = `tok-${randomBytes(4).toString('hex')}`;
  const [ra, rb] = await Promise.all([a, b].map((s) => s.client.send(new CreateVirtualNodeCommand({ ...node('tokened'), clientToken }))));
  assert.ok(ra?.virtualNode?.metadata?.uid);
  assert.equal(ra.virtualNode.metadata.uid, rb?.virtualNode?.metadata?.uid);
  const replay = await b.client.send(new CreateVirtualNodeCommand({ ...node('tokened'), clientToken }));
  assert.equal(replay.virtualNode?.metadata?.uid, ra.virtualNode.metadata.uid);
  await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: 'tokened' }));
});

test('a mesh-wide quota holds when two replicas create different nodes at once', async () => {
  await a.client.send(new CreateVirtualNodeCommand(node('q1')));
  // The quota is 3 nodes: two slots left, four creates of different names race for them.
  const results = await Promise.allSettled(['q2', 'q3', 'q4', 'q5'].map((n, i) => (i % 2 ? a : b).client.send(new CreateVirtualNodeCommand(node(n)))));
  assert.deepEqual(results.map(errorName).sort(), ['LimitExceededException', 'LimitExceededException', 'fulfilled', 'fulfilled']);
  // Delete exactly what was made, without swallowing errors: a failed delete must fail here, not later.
  const made = ['q1', ...['q2', 'q3', 'q4', 'q5'].filter((_, i) => results[i]?.status === 'fulfilled')];
  for (const n of made) await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: n }));
  assert.deepEqual(await nodeNames(b), []);
});

test('the meshes-per-account quota holds when two replicas create different meshes at once', async () => {
  // 'race' exists and the quota is 2: of two new meshes, one may be made.
  const results = await Promise.allSettled([a, b].map((s, i) => s.client.send(new CreateMeshCommand({ meshName: `other-${i}` }))));
  assert.deepEqual(results.map(errorName).sort(), ['LimitExceededException', 'fulfilled']);
});

test('deleting a node on one replica while another makes it a provider never leaves a dangling reference', async () => {
  for (let i = 0; i < 6; i++) {
    await a.client.send(new CreateVirtualNodeCommand(node(`prov-${i}`)));
    const service = { meshName: 'race', virtualServiceName: `svc-${i}.local`, spec: { provider: { virtualNode: { virtualNodeName: `prov-${i}` } } } };
    const [del, create] = await Promise.allSettled([
      a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: `prov-${i}` })),
      b.client.send(new CreateVirtualServiceCommand(service)),
    ]);
    assert.ok(del && create);
    const outcome = `round ${i}: ${errorName(del)} / ${errorName(create)}`;
    // Exactly one wins: the delete (and the service is refused as naming a missing node) or the
    // service (and the delete is refused as in use). Which one depends on the machine's load.
    if (del.status === 'fulfilled') {
      assert.equal(errorName(create), 'NotFoundException', outcome);
      assert.deepEqual(await nodeNames(b), [], outcome);
    } else {
      assert.deepEqual([errorName(del), create.status], ['ResourceInUseException', 'fulfilled'], outcome);
      assert.deepEqual(await nodeNames(b), [`prov-${i}`], outcome);
      // Back to a mesh without nodes, so the next round's create stays within the 3-node quota
      // (three service wins used to fill it: the LimitExceededException seen under load in full runs).
      await b.client.send(new DeleteVirtualServiceCommand({ meshName: 'race', virtualServiceName: `svc-${i}.local` }));
      await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: `prov-${i}` }));
    }
  }
});

test('each replica judges a write against the mesh as the other replica left it, never a copy of its own', async () => {
  // Sequential, not racing: a per-process model (a cache that only sees its own process's writes)
  // fails every step here, whatever the timing.
  const del = (s: TestServer, n: string) => s.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: n }));
  await a.client.send(new CreateVirtualNodeCommand(node('s1')));
  await a.client.send(new CreateVirtualNodeCommand(node('s2')));
  await b.client.send(new CreateVirtualNodeCommand(node('s3')));
  // B's node filled the 3-node quota: A must count it.
  await assert.rejects(a.client.send(new CreateVirtualNodeCommand(node('s4'))), { name: 'LimitExceededException' });
  await del(b, 's3');
  // ...and must see that B freed its slot again.
  await a.client.send(new CreateVirtualNodeCommand(node('s4')));
  // A service made on B names s1 as its provider: A may not delete s1 under it.
  await b.client.send(new CreateVirtualServiceCommand({ meshName: 'race', virtualServiceName: 'stale.local', spec: { provider: { virtualNode: { virtualNodeName: 's1' } } } }));
  await assert.rejects(del(a, 's1'), { name: 'ResourceInUseException', message: /provider of virtual service stale\.local/ });
  await b.client.send(new DeleteVirtualServiceCommand({ meshName: 'race', virtualServiceName: 'stale.local' }));
  await del(a, 's1');
  for (const n of ['s2', 's4']) await del(b, n);
  assert.deepEqual(await nodeNames(a), []);
});
