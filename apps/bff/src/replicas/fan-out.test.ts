// Change fan-out between real replica processes on one PostgreSQL schema: a write on replica A
// reaches a real Envoy connected to replica B's xDS, and B catches up on what it missed while its
// LISTEN connection was cut (pg_terminate_backend).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { freePort } from '../../../../testkit/ports';
import { replicaSet, type Replica, type ReplicaSet } from '../../../../testkit/replicas';
import { httpUpstream, type Upstream } from '../../../../testkit/upstreams';
import { createColorMesh, FRONT, MESH, sample, setWeights } from '../../../../testkit/xds/color-mesh';
import { startFrontEnvoy } from '../../../../testkit/xds/control-plane';
import type { MeshSyncStatus, NodeSyncStatus } from '../xds/sync-status';
import { listenerApplicationName } from './change-listener';
import type { SharedProxyStatus } from './shared-sync-status';

describe('fan-out between replicas', () => {
  let set: ReplicaSet;
  let a: Replica;
  let b: Replica;
  let envoy: RunningEnvoy;
  let egress: number;
  const apps: Upstream[] = [];
  const only = (name: string) => (c: Record<string, number>) => Object.keys(c).length === 1 && (c[name] ?? 0) > 0;

  before(async () => {
    egress = await freePort();
    set = replicaSet({ PROXY_EGRESS_PORT: String(egress), PROXY_INGRESS_PORT: String(await freePort()), PROXY_LISTENER_ADDRESS: '127.0.0.1', SYNC_STATUS_TIMEOUT_SECONDS: '2' });
    a = await set.start({ REPLICA_ID: 'replica-a' });
    b = await set.start({ REPLICA_ID: 'replica-b' });
    apps.push(await httpUpstream('blue'), await httpUpstream('green'));
    const [blue, green] = apps;
    await createColorMesh(a.client, { blue: blue?.port ?? 0, green: green?.port ?? 0 }, { blue: 100, green: 0 });
    envoy = await startFrontEnvoy(b);
    await eventually('Envoy on B routes to blue', () => sample(egress, 5), only('blue'));
  });
  after(async () => {
    await envoy?.stop();
    await set?.close();
    for (const u of apps) await u.close();
  });

  it('a write on replica A reaches the Envoy connected to replica B', async () => {
    await setWeights(a.client, { blue: 0, green: 100 });
    await eventually('Envoy on B follows A\'s write to green', () => sample(egress, 5), only('green'));
  });

  it('a replica whose LISTEN connection is cut catches up on the write it missed', async () => {
    const admin = new pg.Client({ connectionString: set.databaseUrl });
    await admin.connect();
    try {
      const cut = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [listenerApplicationName(set.schema)]);
      // Both replicas' listeners are cut; the write lands while they are down.
      assert.equal(cut.rowCount, 2);
    } finally {
      await admin.end();
    }
    await setWeights(a.client, { blue: 100, green: 0 });
    await eventually('Envoy on B catches up to blue', () => sample(egress, 5), only('blue'));
    assert.match(b.output(), /change listener connection lost/);
  });

  const nodeStatus = async (r: Replica) => (await (await apiRequest(r, `/api/meshes/${MESH}/virtualNodes/${FRONT}/sync-status`)).json()) as NodeSyncStatus;

  it('replica A\'s console shows the Envoy connected to replica B, SYNCED, in the node and the mesh answers', async () => {
    const status = await eventually('A sees B\'s proxy SYNCED', () => nodeStatus(a), (s) => s.state === 'SYNCED');
    assert.deepEqual(status.proxies.map((p) => (p as SharedProxyStatus).replicaId), ['replica-b']);
    assert.equal(status.proxies[0]?.types.clusters.lastAckedVersion, status.proxies[0]?.types.clusters.lastSentVersion);
    const mesh = (await (await apiRequest(a, `/api/meshes/${MESH}/sync-status`)).json()) as MeshSyncStatus;
    assert.deepEqual(Object.keys(mesh.nodes), [FRONT]);
    assert.equal(mesh.nodes[FRONT]?.state, 'SYNCED');
  });

  it('when replica B dies (kill -9), A shows its proxy disconnected after the heartbeat timeout', async () => {
    b.child.kill('SIGKILL');
    await b.exited;
    const status = await eventually('A shows DISCONNECTED', () => nodeStatus(a), (s) => s.state === 'DISCONNECTED');
    assert.deepEqual(status.proxies, []);
  });
});
