// Change fan-out between real replica processes on one PostgreSQL schema: a write on replica A
// reaches a real Envoy connected to replica B's xDS, and B catches up on what it missed while its
// LISTEN connection was cut (pg_terminate_backend).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { freePort } from '../../../../testkit/ports';
import { replicaSet, type Replica, type ReplicaSet } from '../../../../testkit/replicas';
import { httpUpstream, type Upstream } from '../../../../testkit/upstreams';
import { createColorMesh, sample, setWeights } from '../../../../testkit/xds/color-mesh';
import { startFrontEnvoy } from '../../../../testkit/xds/control-plane';
import { listenerApplicationName } from './change-listener';

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
    set = replicaSet({ PROXY_EGRESS_PORT: String(egress), PROXY_INGRESS_PORT: String(await freePort()), PROXY_LISTENER_ADDRESS: '127.0.0.1' });
    a = await set.start();
    b = await set.start();
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
});
