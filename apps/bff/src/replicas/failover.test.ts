// kill -9 of the replica an Envoy is connected to, while traffic flows through that Envoy: the Envoy's
// bootstrap lists both replicas (XDS_ADDRESSES), so it reconnects to the survivor, which shows it SYNCED
// and pushes it the next write; the traffic sees no failed request (Envoy keeps its last config).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { freePort } from '../../../../testkit/ports';
import type { Replica } from '../../../../testkit/replicas';
import { colorReplicas, only, type ColorReplicas } from '../../../../testkit/xds/color-replicas';
import { FRONT, get, MESH, sample, setWeights } from '../../../../testkit/xds/color-mesh';
import type { NodeSyncStatus } from '../xds/sync-status';
import type { SharedProxyStatus } from './shared-sync-status';

describe('failover between replicas', () => {
  let cr: ColorReplicas;
  const replicas = new Map<string, Replica>();
  let egress: number;
  const status = async (r: Replica) => (await (await apiRequest(r, `/api/meshes/${MESH}/virtualNodes/${FRONT}/sync-status`)).json()) as NodeSyncStatus;
  const connectedTo = (s: NodeSyncStatus) => s.proxies.map((p) => `${(p as SharedProxyStatus).replicaId}:${p.state}`);

  before(async () => {
    const xdsPorts = { a: await freePort(), b: await freePort() };
    const shared = { SYNC_STATUS_TIMEOUT_SECONDS: '2', XDS_ADDRESSES: `127.0.0.1:${xdsPorts.a},127.0.0.1:${xdsPorts.b}` };
    cr = await colorReplicas(shared, [{ REPLICA_ID: 'a', XDS_PORT: String(xdsPorts.a) }, { REPLICA_ID: 'b', XDS_PORT: String(xdsPorts.b) }], 0);
    egress = cr.egress;
    cr.replicas.forEach((r, i) => replicas.set(i === 0 ? 'a' : 'b', r));
  });
  after(() => cr?.close());

  it('kill -9 of the Envoy\'s replica: 0 failed requests, the Envoy SYNCED on the survivor, which pushes it the next write', async () => {
    const a = replicas.get('a');
    assert.ok(a);
    const before = await eventually('the Envoy on one replica, SYNCED', () => status(a), (s) => s.state === 'SYNCED');
    const [first] = connectedTo(before);
    const victimId = first?.split(':')[0] ?? '';
    const survivorId = victimId === 'a' ? 'b' : 'a';
    const victim = replicas.get(victimId);
    const survivor = replicas.get(survivorId);
    assert.ok(victim && survivor, `connected to ${String(first)}`);

    let stop = false;
    const answers: string[] = [];
    const traffic = (async () => {
      while (!stop) answers.push(await get(egress));
    })();
    await new Promise((r) => setTimeout(r, 300));
    const killedAt = Date.now();
    victim.child.kill('SIGKILL');
    await victim.exited;
    const after = await eventually('the Envoy SYNCED on the survivor', () => status(survivor), (s) => connectedTo(s).join() === `${survivorId}:SYNCED`);
    const seenMs = Date.now() - killedAt;
    // When the survivor accepted the Envoy's new stream: the reconnect itself, without the heartbeat delay.
    const movedMs = Date.parse(after.proxies[0]?.connectedSince ?? '') - killedAt;
    await new Promise((r) => setTimeout(r, 300));
    stop = true;
    await traffic;
    console.log(`failover: the Envoy's stream on the survivor opened ${movedMs} ms after kill -9; SYNCED in the survivor's console after ${seenMs} ms (heartbeat every 1 s); ${answers.length} requests, none failed`);
    assert.equal(after.state, 'SYNCED');
    assert.deepEqual(answers.filter((x) => x !== 'blue'), [], 'every request answered by blue');
    await setWeights(survivor.client, { blue: 0, green: 100 });
    await eventually('the survivor pushes the next write', () => sample(egress, 5), only('green'));
  });
});
