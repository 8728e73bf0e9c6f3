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
  for (const n of ['q1', 'q2', 'q3', 'q4', 'q5']) await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: n })).catch(() => undefined);
});

test('the meshes-per-account quota holds when two replicas create different meshes at once', async () => {
  // 'race' exists and the quota is 2: of two new meshes, one may be made.
  const results = await Promise.allSettled([a, b].map((s, i) => s.client.send(new CreateMeshCommand({ meshName: `other-${i}` }))));
  assert.deepEqual(results.map(errorName).sort(), ['LimitExceededException', 'fulfilled']);
});

test('deleting a node on one replica while another makes it a provider never leaves a dangling reference', async () => {
  // Start from a mesh without nodes: under a loaded machine the quota test's cleanup above has left
  // some behind (its deletes swallow errors; see the closing note of 2026-12-02), and this test's
  // creates must not hit the 3-node quota because of them.
  const left = await a.client.send(new ListVirtualNodesCommand({ meshName: 'race' }));
  for (const n of left.virtualNodes ?? []) await a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: n.virtualNodeName }));
  for (let i = 0; i < 6; i++) {
    await a.client.send(new CreateVirtualNodeCommand(node(`prov-${i}`)));
    const service = { meshName: 'race', virtualServiceName: `svc-${i}.local`, spec: { provider: { virtualNode: { virtualNodeName: `prov-${i}` } } } };
    const [del, create] = await Promise.allSettled([
      a.client.send(new DeleteVirtualNodeCommand({ meshName: 'race', virtualNodeName: `prov-${i}` })),
      b.client.send(new CreateVirtualServiceCommand(service)),
    ]);
    assert.ok(del && create);
    // Exactly one wins: the delete (and the service is refused) or the service (and the delete is refused as in use).
    assert.equal([del, create].filter((r) => r.status === 'fulfilled').length, 1, `round ${i}: ${errorName(del)} / ${errorName(create)}`);
  }
});
