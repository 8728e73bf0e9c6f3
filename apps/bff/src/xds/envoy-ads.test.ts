// Proof with a real Envoy: it boots from the downloaded ADS bootstrap (TLS xDS with the client
// certificate it carries), routes by the mesh, follows
// route weight changes live, survives the control plane going away, and a NACK is reported with
// Envoy's own words while the last good config keeps serving.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { httpUpstream } from '../../../../testkit/upstreams';
import { createColorMesh, FRONT, MESH, sample, setWeights } from '../../../../testkit/xds/color-mesh';
import { startControlPlane, startFrontEnvoy, type ControlPlane } from '../../../../testkit/xds/control-plane';
import type { TypeStatus } from './ads-protocol';
import type { NodeSyncStatus } from './sync-status';
import { TYPE_URL } from './snapshot';
import { apiRequest } from '../../../../testkit/http';
import { collectSse, type SseEvent } from '../../../../testkit/sse';

describe('ADS with a real Envoy', () => {
  let cp: ControlPlane;
  let envoy: RunningEnvoy;
  const apps: { close: () => Promise<void> }[] = [];
  /** Added to what compile makes for every node: the NACK test puts a cluster Envoy rejects here. */
  let extraClusters: object[] = [];

  const syncStatus = async (): Promise<NodeSyncStatus> => {
    const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/sync-status`);
    assert.equal(res.status, 200);
    return (await res.json()) as NodeSyncStatus;
  };
  const onlyFrom = (name: string) => (c: Record<string, number>) => Object.keys(c).length === 1 && (c[name] ?? 0) > 0;

  before(async () => {
    cp = await startControlPlane({
      compile: (standard) => (model, node, kind) => {
        const { resources } = standard(model, node, kind);
        return { resources: { ...resources, clusters: [...resources.clusters, ...extraClusters] } };
      },
    });
    const blue = await httpUpstream('blue');
    const green = await httpUpstream('green');
    apps.push(blue, green);
    await createColorMesh(cp.client, { blue: blue.port, green: green.port }, { blue: 100, green: 0 });
    envoy = await startFrontEnvoy(cp);
  });
  after(async () => {
    await envoy?.stop();
    await cp?.close();
    for (const a of apps) await a.close();
  });

  it('boots from the downloaded ADS bootstrap and routes per the mesh; sync status says SYNCED', async () => {
    const counts = await eventually('all traffic to blue', () => sample(cp.egressPort, 10), onlyFrom('blue'));
    assert.deepEqual(counts, { blue: 10 });
    const status: NodeSyncStatus = await eventually('SYNCED', syncStatus, (s) => s.state === 'SYNCED');
    assert.equal(status.proxies.length, 1);
    assert.equal(status.proxies[0]?.nodeId, `mesh/${MESH}/virtualNode/${FRONT}`);
    // Over TLS with the client certificate the download carried: the default, and Envoy's own stats say so.
    assert.equal(cp.xds.transport, 'tls');
    const stats = await (await fetch(`http://127.0.0.1:${envoy.adminPort}/stats?filter=${encodeURIComponent('^cluster\\.xds_cluster\\.ssl\\.handshake$')}`)).text();
    assert.match(stats, /cluster\.xds_cluster\.ssl\.handshake: [1-9]/, stats);
    for (const kind of ['clusters', 'listeners', 'routes'] as const) {
      const t: TypeStatus | undefined = status.proxies[0]?.types[kind];
      assert.equal(t?.state, 'SYNCED', kind);
      assert.equal(t?.lastAckedVersion, t?.lastSentVersion, kind);
    }
  });

  it('follows a route weight change made through the App Mesh API, without a restart', async () => {
    const events = await openEvents(cp.url);
    try {
      await setWeights(cp.client, { blue: 0, green: 100 });
      await eventually('all traffic to green', () => sample(cp.egressPort, 10), onlyFrom('green'));
      await setWeights(cp.client, { blue: 50, green: 50 });
      const split = await eventually('a 50/50 split', () => sample(cp.egressPort, 100), (c) => (c.blue ?? 0) >= 20 && (c.green ?? 0) >= 20);
      assert.equal((split.blue ?? 0) + (split.green ?? 0), 100);
      assert.equal(envoy.process.exitCode, null, 'Envoy was not restarted');
      await eventually('a change event and a SYNCED sync event', async () => events.received, (evs) =>
        evs.some((e) => e.event === 'change' && (e.data as { meshName: string }).meshName === MESH) &&
        evs.some((e) => e.event === 'sync' && (e.data as { status: NodeSyncStatus }).status.state === 'SYNCED'));
    } finally {
      events.close();
    }
  });

  it('reports a NACK with Envoy\'s message while the previous config keeps serving', async () => {
    const clusterPushes: string[] = [];
    const countPush = (e: { kind: string; version: string }) => e.kind === 'clusters' && clusterPushes.push(e.version);
    cp.xds.core.events.on('push', countPush);
    // Encodes fine, but Envoy requires connect_timeout > 0: a config only Envoy itself rejects.
    extraClusters = [{ '@type': TYPE_URL.clusters, name: 'broken', type: 'STATIC', connect_timeout: '0s' }];
    await cp.xds.core.onChange({ meshName: MESH });
    const status = await eventually('NACKED', syncStatus, (s) => s.state === 'NACKED');
    const clusters = status.proxies[0]?.types.clusters;
    assert.equal(clusters?.state, 'NACKED');
    assert.match(clusters?.nackMessage ?? '', /ConnectTimeout|connect_timeout/i);
    assert.equal(clusters?.nackedVersion, clusters?.lastSentVersion);
    assert.notEqual(clusters?.lastAckedVersion, clusters?.nackedVersion);
    const counts = await sample(cp.egressPort, 40);
    assert.equal((counts.blue ?? 0) + (counts.green ?? 0), 40, `still served: ${JSON.stringify(counts)}`);
    await cp.xds.core.onChange({ meshName: MESH }); // a recompute with the same output
    assert.deepEqual(clusterPushes, [clusters?.nackedVersion], 'the rejected clusters were sent once, not again');
    cp.xds.core.events.off('push', countPush);

    extraClusters = [];
    await cp.xds.core.onChange({ meshName: MESH });
    await eventually('SYNCED again', syncStatus, (s) => s.state === 'SYNCED');
  });

  it('keeps serving while the control plane is down, and takes new changes once it is back', async () => {
    await setWeights(cp.client, { blue: 100, green: 0 });
    await eventually('all traffic to blue', () => sample(cp.egressPort, 10), onlyFrom('blue'));
    await cp.killXds();
    const whileDown = await sample(cp.egressPort, 30);
    assert.deepEqual(whileDown, { blue: 30 });
    await setWeights(cp.client, { blue: 0, green: 100 }); // stored; nobody to push it to yet
    await cp.restartXds();
    await eventually('Envoy reconnected and got the change', () => sample(cp.egressPort, 10), onlyFrom('green'), 30000);
    await eventually('SYNCED after reconnect', syncStatus, (s) => s.state === 'SYNCED');
  });
});

/** Reads /api/events in the background, collecting every event. */
async function openEvents(url: string): Promise<{ received: SseEvent[]; close: () => void }> {
  const controller = new AbortController();
  const res = await apiRequest({ url }, '/api/events', { signal: controller.signal });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const received = collectSse(res);
  return { received, close: () => controller.abort() };
}
