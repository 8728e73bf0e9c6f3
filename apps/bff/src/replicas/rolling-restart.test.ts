// A rolling restart of three replicas under write load: each replica in turn gets SIGTERM (it drains,
// finishes the requests in flight, exits 0) and is started again on its xDS port. Writers keep sending
// creates and updates to whichever replicas are up and record every acknowledged answer; afterwards
// every acknowledged write is in the database with the version it was acknowledged with, and the Envoy
// (its bootstrap lists all three replicas) served every request and follows the next write.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateMeshCommand,
  CreateVirtualNodeCommand,
  DescribeVirtualNodeCommand,
  type DescribeVirtualNodeCommandOutput,
  ListVirtualNodesCommand,
  UpdateVirtualNodeCommand,
  type AppMeshClient,
} from '@aws-sdk/client-app-mesh';
import { nodeSpec } from '../../../../testkit/appmesh-specs';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { freePort } from '../../../../testkit/ports';
import type { Replica } from '../../../../testkit/replicas';
import { colorReplicas, only, type ColorReplicas } from '../../../../testkit/xds/color-replicas';
import { FRONT, get, MESH, sample, setWeights } from '../../../../testkit/xds/color-mesh';
import type { NodeSyncStatus } from '../xds/sync-status';

/** The writers' mesh, apart from the Envoy's so its pushes stay small. */
const LEDGER = 'ledger';
const LANES = 3;
/** Creates per lane before it only updates: bounds the mesh each write's analysis reads. */
const CREATES_PER_LANE = 40;

/** One lane's attempts, in order: each either acknowledged (with the answer) or not (no answer, or an error). */
interface Lane {
  creates: { name: string; uid?: string }[];
  updates: { hostname: string; version?: number }[];
}

describe('rolling restart of three replicas under write load', () => {
  let cr: ColorReplicas;
  const envs = ['a', 'b', 'c'].map((id) => ({ REPLICA_ID: id, XDS_PORT: '' }));
  /** Index i holds replica i while it is up (draining included); undefined between its exit and its restart. */
  const up: (Replica | undefined)[] = [];

  before(async () => {
    for (const env of envs) env.XDS_PORT = String(await freePort());
    const shared = { SHUTDOWN_DRAIN_SECONDS: '1', SYNC_STATUS_TIMEOUT_SECONDS: '2', XDS_ADDRESSES: envs.map((e) => `127.0.0.1:${e.XDS_PORT}`).join(',') };
    cr = await colorReplicas(shared, envs, 0);
    up.push(...cr.replicas);
    const first = cr.replicas[0];
    assert.ok(first);
    await first.client.send(new CreateMeshCommand({ meshName: LEDGER }));
    // Each lane's counter node, which its updates then bump one after another.
    for (let i = 0; i < LANES; i++) await first.client.send(new CreateVirtualNodeCommand({ meshName: LEDGER, virtualNodeName: `lane-${i}`, spec: nodeSpec(`lane-${i}-0.local`) }));
  });
  after(() => cr?.close());

  const synced = (r: Replica) =>
    eventually('the Envoy SYNCED', async () => (await (await apiRequest(r, `/api/meshes/${MESH}/virtualNodes/${FRONT}/sync-status`)).json()) as NodeSyncStatus, (s) => s.state === 'SYNCED', 30000);

  /** Sends one write to the next replica that is up; the answer, or undefined when none came. */
  async function attempt<T>(turn: number, send: (client: AppMeshClient) => Promise<T>): Promise<T | undefined> {
    for (let i = 0; i < up.length; i++) {
      const r = up[(turn + i) % up.length];
      if (r) return send(r.client).catch(() => undefined);
    }
    await new Promise((res) => setTimeout(res, 20));
    return undefined;
  }

  async function runLane(lane: number, record: Lane, stopped: () => boolean): Promise<void> {
    const counter = `lane-${lane}`;
    for (let turn = lane; !stopped(); turn++) {
      if (turn % 2 === 0 && record.creates.length < CREATES_PER_LANE) {
        const name = `w-${lane}-${record.creates.length}`;
        const entry: Lane['creates'][number] = { name };
        record.creates.push(entry);
        const out = await attempt(turn, (c) => c.send(new CreateVirtualNodeCommand({ meshName: LEDGER, virtualNodeName: name, spec: nodeSpec(`${name}.local`) })));
        if (out?.virtualNode?.metadata?.uid) entry.uid = out.virtualNode.metadata.uid;
      } else {
        const hostname = `${counter}-${record.updates.length + 1}.local`;
        const entry: Lane['updates'][number] = { hostname };
        record.updates.push(entry);
        const out = await attempt(turn, (c) => c.send(new UpdateVirtualNodeCommand({ meshName: LEDGER, virtualNodeName: counter, spec: nodeSpec(hostname) })));
        if (out?.virtualNode?.metadata?.version !== undefined) entry.version = out.virtualNode.metadata.version;
      }
    }
  }

  it('SIGTERM and restart each replica in turn: every acknowledged write kept with its version, the Envoy served throughout', async () => {
    let stop = false;
    const lanes: Lane[] = Array.from({ length: LANES }, () => ({ creates: [], updates: [] }));
    const writers = lanes.map((record, i) => runLane(i, record, () => stop));
    const answers: string[] = [];
    const traffic = (async () => {
      while (!stop) answers.push(await get(cr.egress));
    })();

    const exits: (number | null)[] = [];
    for (let i = 0; i < envs.length; i++) {
      const leaving = up[i];
      assert.ok(leaving);
      await new Promise((r) => setTimeout(r, 500));
      leaving.child.kill('SIGTERM');
      exits.push(await leaving.exited);
      up[i] = undefined;
      const back = await cr.set.start(envs[i]);
      up[i] = back;
      // The Envoy is served again (by whichever replica it chose) before the next one goes.
      await synced(back);
    }
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all([...writers, traffic]);

    assert.deepEqual(exits, [0, 0, 0], 'every replica drained and exited 0');
    assert.deepEqual(answers.filter((x) => x !== 'blue'), [], `${answers.length} requests through the Envoy, every one answered`);
    const [readerReplica, otherReplica] = up;
    assert.ok(readerReplica && otherReplica);
    const reader: Replica = readerReplica;
    const other: Replica = otherReplica;

    const acked = lanes.flatMap((l) => l.creates.filter((c) => c.uid !== undefined));
    const ackedUpdates = lanes.flatMap((l) => l.updates.filter((u) => u.version !== undefined));
    console.log(`rolling restart: ${acked.length} creates and ${ackedUpdates.length} updates acknowledged, ${answers.length} requests through the Envoy`);
    assert.ok(acked.length > 0 && ackedUpdates.length > 0, 'writes were acknowledged during the restarts');

    // Every acknowledged create is there, as acknowledged (same uid, never updated: version 1); nothing
    // is there that was never attempted.
    const names = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await reader.client.send(new ListVirtualNodesCommand({ meshName: LEDGER, nextToken }));
      for (const n of page.virtualNodes ?? []) if (n.virtualNodeName) names.add(n.virtualNodeName);
      nextToken = page.nextToken;
    } while (nextToken);
    const attempted = new Set([...lanes.flatMap((l) => l.creates.map((c) => c.name)), ...lanes.map((_, i) => `lane-${i}`)]);
    assert.deepEqual([...names].filter((n) => !attempted.has(n)), []);
    for (const c of acked) {
      const got: DescribeVirtualNodeCommandOutput = await reader.client.send(new DescribeVirtualNodeCommand({ meshName: LEDGER, virtualNodeName: c.name }));
      assert.equal(got.virtualNode?.metadata?.uid, c.uid, c.name);
      assert.equal(got.virtualNode?.metadata?.version, 1, c.name);
    }

    // Each lane's updates ran one after another: acknowledged versions rise, and the final version counts
    // every acknowledged update plus at most the unacknowledged ones (a write may commit and lose its answer).
    for (const [i, l] of lanes.entries()) {
      const versions = l.updates.flatMap((u) => (u.version !== undefined ? [u.version] : []));
      assert.deepEqual(versions, [...versions].sort((x, y) => x - y), `lane ${i}: versions in order`);
      assert.equal(new Set(versions).size, versions.length, `lane ${i}: no version twice`);
      const now: DescribeVirtualNodeCommandOutput = await other.client.send(new DescribeVirtualNodeCommand({ meshName: LEDGER, virtualNodeName: `lane-${i}` }));
      const final = now.virtualNode?.metadata?.version ?? 0;
      const lastAcked = l.updates.findLastIndex((u) => u.version !== undefined);
      const unackedAfter = l.updates.length - 1 - lastAcked;
      const last = l.updates[lastAcked];
      assert.ok(last?.version !== undefined, `lane ${i}: an update acknowledged`);
      assert.ok(final >= last.version && final <= last.version + unackedAfter, `lane ${i}: final version ${final}, last acknowledged ${last.version}, ${unackedAfter} unanswered after it`);
      assert.ok(final - 1 >= versions.length && final - 1 <= l.updates.length, `lane ${i}: ${final - 1} updates committed of ${l.updates.length} sent, ${versions.length} acknowledged`);
      const hostname: string | undefined = now.virtualNode?.spec?.serviceDiscovery?.dns?.hostname;
      if (final === last.version) assert.equal(hostname, last.hostname, `lane ${i}: the last acknowledged spec`);
    }

    // Every replica is a new process now; the Envoy follows a write made through any of them.
    await setWeights(other.client, { blue: 0, green: 100 });
    await eventually('the Envoy follows the write after the restarts', () => sample(cr.egress, 5), only('green'), 30000);
  });
});
