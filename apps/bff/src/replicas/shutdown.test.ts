// SIGTERM drains a replica: /readyz answers 503 at once, its Envoy moves to the other replica before
// the process exits, traffic through that Envoy sees no failure, and the process exits 0.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { freePort } from '../../../../testkit/ports';
import type { Replica } from '../../../../testkit/replicas';
import { colorReplicas, type ColorReplicas } from '../../../../testkit/xds/color-replicas';
import { FRONT, get, MESH } from '../../../../testkit/xds/color-mesh';
import type { NodeSyncStatus } from '../xds/sync-status';
import type { SharedProxyStatus } from './shared-sync-status';

describe('graceful shutdown of a replica', () => {
  let cr: ColorReplicas;
  const ids = ['a', 'b'];
  const status = async (r: Replica) => (await (await apiRequest(r, `/api/meshes/${MESH}/virtualNodes/${FRONT}/sync-status`)).json()) as NodeSyncStatus;
  const on = (s: NodeSyncStatus) => s.proxies.map((p) => `${(p as SharedProxyStatus).replicaId}:${p.state}`).join();

  before(async () => {
    const ports = [await freePort(), await freePort()];
    const shared = { SHUTDOWN_DRAIN_SECONDS: '2', XDS_ADDRESSES: ports.map((p) => `127.0.0.1:${p}`).join(',') };
    cr = await colorReplicas(shared, ids.map((id, i) => ({ REPLICA_ID: id, XDS_PORT: String(ports[i]) })), 0);
  });
  after(() => cr?.close());

  it('SIGTERM: /readyz 503 while draining, the Envoy SYNCED on the other replica before the exit, 0 failed requests, exit 0', async () => {
    const [a, b] = cr.replicas;
    assert.ok(a && b);
    const first = await eventually('the Envoy SYNCED somewhere', () => status(a), (s) => s.state === 'SYNCED');
    const leaving = on(first).startsWith('a:') ? a : b;
    const staying = leaving === a ? b : a;
    const stayingId = leaving === a ? 'b' : 'a';
    let stop = false;
    const answers: string[] = [];
    const traffic = (async () => {
      while (!stop) answers.push(await get(cr.egress));
    })();
    leaving.child.kill('SIGTERM');
    const ready = await eventually('/readyz 503 on the draining replica', () => fetch(`${leaving.url}/readyz`).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string } })), (r) => r.status === 503);
    assert.equal(ready.body.status, 'draining');
    await eventually('the Envoy SYNCED on the other replica', () => status(staying), (s) => on(s) === `${stayingId}:SYNCED`);
    assert.equal(leaving.child.exitCode, null, 'the Envoy moved while the draining replica was still up');
    assert.equal(await leaving.exited, 0);
    stop = true;
    await traffic;
    assert.ok(answers.length > 0);
    assert.deepEqual(answers.filter((x) => x !== 'blue'), []);
  });
});
