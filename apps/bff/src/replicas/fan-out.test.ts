// Change fan-out between real replica processes on one PostgreSQL schema: a write on replica A
// reaches a real Envoy connected to replica B's xDS, and B catches up on what it missed while its
// LISTEN connection was cut (pg_terminate_backend).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import type { Replica, ReplicaSet } from '../../../../testkit/replicas';
import { colorReplicas, only, type ColorReplicas } from '../../../../testkit/xds/color-replicas';
import { FRONT, MESH, sample, setWeights } from '../../../../testkit/xds/color-mesh';
import type { MeshSyncStatus, NodeSyncStatus } from '../xds/sync-status';
import { listenerApplicationName } from './change-listener';
import type { SharedProxyStatus } from './shared-sync-status';

describe('fan-out between replicas', () => {
  let cr: ColorReplicas;
  let a: Replica;
  let b: Replica;
  let set: ReplicaSet;
  let egress: number;

  before(async () => {
    cr = await colorReplicas({ SYNC_STATUS_TIMEOUT_SECONDS: '2' }, [{ REPLICA_ID: 'replica-a' }, { REPLICA_ID: 'replica-b' }], 1);
    ({ set, egress } = cr);
    [a, b] = cr.replicas as [Replica, Replica];
  });
  after(() => cr?.close());

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
