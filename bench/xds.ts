// xDS push latency: `npx tsx bench/xds.ts`.
// 1. One real Envoy: a route weight change through the App Mesh API, from the change event to Envoy's
//    ACK of the new route configuration (and from the RDS push to the ACK), over many changes.
// 2. Fan-out: simulated ADS clients (gRPC on node:http2, bench/raw-ads-client.ts, in worker threads, 500 a worker) that ACK at once; from the change event
//    to the last client's ACK, for 100 and 1,000 clients on as many distinct virtual nodes (one route
//    change affects all of them: they all call the service behind the route), and for 100 replicas of one node.
//    The clients stand in for Envoys on other machines: they get every response's full bytes but read only
//    what an ACK needs, and send the node only first (as Envoy does with meshwright's bootstrap); each
//    round one of them (another each round) decodes the push in full and must have the new weights, or the run fails.
//    Also printed: CPU time per change of the control plane's thread and of the client workers' threads
//    (process.threadCpuUsage: wall-clock is noisy on a shared machine). XDS_BENCH_PROFILE=<dir> writes CPU profiles of the rounds.
//    Targets (issue 16): 100 clients p99 < 25 ms, 1,000 clients p99 < 250 ms.
// The changes are sent by the AWS SDK from a worker thread (bench/api-client.worker.ts), as from another
// machine: its signing and answer parsing are not the control plane thread's CPU.
// xDS runs over TLS with client certificates (the default); XDS_INSECURE=1 measures plaintext.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Worker } from 'node:worker_threads';
import { CreateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { eventually } from '../testkit/eventually';
import { httpUpstream } from '../testkit/upstreams';
import { createColorMesh, FRONT, MESH, sample, SERVICE } from '../testkit/xds/color-mesh';
import type * as ControlPlanes from '../testkit/xds/control-plane';
import type { ControlPlane } from '../testkit/xds/control-plane';
import { benchWorker } from './bench-worker';
import { compiledModule } from './compiled-server';

// The control plane runs in this process (its events are the clock), compiled as `npm start` runs the
// server (bench/compiled-server.ts), not through tsx; MW_BENCH_TSX=1 loads the TypeScript instead.
const { startControlPlane, startFrontEnvoy } =
  process.env.MW_BENCH_TSX === '1' ? await import('../testkit/xds/control-plane') : await compiledModule<typeof ControlPlanes>('testkit/xds/control-plane.ts');

const CHANGES = Number(process.env.XDS_BENCH_CHANGES ?? 100);
/** Fan-out sizes, distinct nodes each; the first size also runs as replicas of one node. */
const FANOUT = (process.env.XDS_BENCH_FANOUT ?? '100,1000').split(',').map(Number);
const CLIENTS_PER_WORKER = 500;
const FANOUT_ROUNDS = Number(process.env.XDS_BENCH_ROUNDS ?? 20);
/** A directory: the control plane's thread is profiled during each fan-out's rounds only (not the connects). */
const PROFILE_DIR = process.env.XDS_BENCH_PROFILE;

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}
const fmt = (v: number) => `${v.toFixed(1)} ms`;
function report(label: string, values: number[]): void {
  console.log(`${label.padEnd(44)} p50 ${fmt(pct(values, 50)).padStart(9)}  p99 ${fmt(pct(values, 99)).padStart(9)}  max ${fmt(Math.max(...values)).padStart(9)}  (n=${values.length})`);
}

/** Resolves when every stream in `streams` has ACKed a routes push made after the call. */
function routesAckedBy(cp: ControlPlane, streams: Set<string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const pushed = new Map<string, string>();
    const acked = new Set<string>();
    const onPush = (e: { streamId: string; kind: string; version: string }) => {
      if (e.kind === 'routes' && streams.has(e.streamId)) pushed.set(e.streamId, e.version);
    };
    const onAnswer = (e: { streamId: string; kind: string; version: string; nackMessage: string | null }) => {
      if (e.kind !== 'routes' || pushed.get(e.streamId) !== e.version) return;
      if (e.nackMessage) reject(new Error(`NACK: ${e.nackMessage}`));
      acked.add(e.streamId);
      if (acked.size === streams.size) {
        cp.xds.core.events.off('push', onPush);
        cp.xds.core.events.off('answer', onAnswer);
        resolve(performance.now());
      }
    };
    cp.xds.core.events.on('push', onPush);
    cp.xds.core.events.on('answer', onAnswer);
  });
}

/** The App Mesh API client in a worker thread of its own (bench/api-client.worker.ts): sends a change, resolves once it is answered. */
interface ApiClient {
  setWeights(weights: Record<string, number>): Promise<void>;
  close(): void;
}

async function apiClient(url: string): Promise<ApiClient> {
  const worker = await benchWorker('bench/api-client.worker.ts', { url }, 'API client');
  const waiting = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  worker.on('message', (m: { type: string; id: number; error?: string }) => {
    const w = waiting.get(m.id);
    if (m.type !== 'updated' || !w) return;
    waiting.delete(m.id);
    if (m.error) w.reject(new Error(`UpdateRoute failed: ${m.error}`));
    else w.resolve();
  });
  let id = 0;
  return {
    setWeights: (weights) =>
      new Promise((resolve, reject) => {
        waiting.set(++id, { resolve, reject });
        worker.postMessage({ type: 'weights', id, weights });
      }),
    close: () => worker.postMessage('close'),
  };
}

async function measureChange(
  api: ApiClient,
  cp: ControlPlane,
  streams: Set<string>,
  weights: Record<string, number>,
): Promise<{ total: number; lastPush: number; pushToAck: number[] }> {
  let changedAt = Number.NaN;
  let lastPushAt = Number.NaN;
  const pushAt = new Map<string, number>();
  const pushToAck: number[] = [];
  const onChange = () => (changedAt = performance.now());
  const onPush = (e: { streamId: string; kind: string }) => {
    if (e.kind !== 'routes' || !streams.has(e.streamId)) return;
    lastPushAt = performance.now();
    pushAt.set(e.streamId, lastPushAt);
  };
  const onAnswer = (e: { streamId: string; kind: string }) => {
    const t = pushAt.get(e.streamId);
    if (e.kind === 'routes' && t !== undefined) pushToAck.push(performance.now() - t);
  };
  cp.xds.core.events.on('change', onChange);
  cp.xds.core.events.on('push', onPush);
  cp.xds.core.events.on('answer', onAnswer);
  const done = routesAckedBy(cp, streams);
  await api.setWeights(weights);
  const ackedAt = await done;
  cp.xds.core.events.off('change', onChange);
  cp.xds.core.events.off('push', onPush);
  cp.xds.core.events.off('answer', onAnswer);
  return { total: ackedAt - changedAt, lastPush: lastPushAt - changedAt, pushToAck };
}

function streamsOf(cp: ControlPlane, nodes: string[]): Set<string> {
  return new Set(nodes.flatMap((n) => cp.xds.syncStatus(MESH, n).proxies.map((p) => p.streamId)));
}

/** Starts the simulated clients in worker threads; resolves once every one of them is SYNCED. */
async function connectSimulated(cp: ControlPlane, nodeNames: string[]): Promise<Worker[]> {
  const nodeIds = nodeNames.map((n) => `mesh/${MESH}/virtualNode/${n}`);
  // One certificate per distinct node, as each node's downloaded bootstrap would carry.
  const tls: Record<string, { caPem: string; certPem: string; keyPem: string }> = {};
  for (const id of new Set(nodeIds)) if (cp.tls) tls[id] = await cp.tls.issue(id);
  const workers: Worker[] = [];
  for (let i = 0; i < nodeIds.length; i += CLIENTS_PER_WORKER) {
    const worker = await benchWorker('bench/xds-clients.worker.ts', {
      address: `127.0.0.1:${cp.xds.port}`,
      nodeIds: nodeIds.slice(i, i + CLIENTS_PER_WORKER),
      tls,
      routeNames: [`rds_egress_http_${cp.egressPort}`],
    }, 'simulated clients');
    workers.push(worker);
  }
  const unique = [...new Set(nodeNames)];
  await eventually('simulated clients synced', async () => unique.map((n) => cp.xds.syncStatus(MESH, n)),
    (all) => all.reduce((k, s) => k + s.proxies.filter((p) => p.state === 'SYNCED').length, 0) === nodeNames.length, 300000);
  return workers;
}

/** CPU milliseconds (user and system) a thread used since `since`: its own, not the process's. */
const cpuMs = (now: NodeJS.CpuUsage, since: NodeJS.CpuUsage) => (now.user - since.user + now.system - since.system) / 1000;
/** The CPU time a client worker's thread has used so far. */
const workerCpu = async (w: Worker) => (await ask(w, { type: 'cpu' }, 'cpu')).usage as NodeJS.CpuUsage;

/** With XDS_BENCH_PROFILE, a CPU profile of this thread from now until the returned function is called. */
async function profileWindow(name: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

/** Posts `message` to a worker and resolves with its next reply of type `reply`. */
function ask(worker: Worker, message: object, reply: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (m: unknown) => {
      if (typeof m !== 'object' || m === null || !('type' in m) || m.type !== reply) return;
      worker.off('message', onMessage);
      resolve(m as Record<string, unknown>);
    };
    worker.on('message', onMessage);
    worker.postMessage(message);
  });
}

/** Throws unless the fully decoded route configuration carries `weights` (cluster names hold the colour). */
function assertWeights(got: unknown, weights: Record<string, number>, round: number): void {
  const clusters = Object.entries((got ?? {}) as Record<string, number>);
  for (const [color, weight] of Object.entries(weights)) {
    const found = clusters.find(([name]) => name.includes(`_${color}_`));
    if (found?.[1] !== weight) throw new Error(`round ${round}: a simulated client got ${JSON.stringify(got)}, not ${color} ${weight}`);
  }
}

async function fanOut(api: ApiClient, cp: ControlPlane, label: string, nodeNames: string[]): Promise<void> {
  const workers = await connectSimulated(cp, nodeNames);
  const streams = streamsOf(cp, [...new Set(nodeNames)]);
  const totals: number[] = [];
  const pushes: number[] = [];
  const profileName = label.replace(/\W+/g, '-');
  const stopProfile = await profileWindow(`server-${profileName}`);
  if (PROFILE_DIR) for (const w of workers) w.postMessage({ type: 'profile-start' });
  const clientsBefore = await Promise.all(workers.map(workerCpu));
  const serverBefore = process.threadCpuUsage();
  for (let i = 0; i < FANOUT_ROUNDS; i++) {
    const weights = { blue: 10 + (i % 2) * 40, green: 90 - (i % 2) * 40 };
    // A different client each round decodes the push in full and reports the weights it got.
    const checker = workers[i % workers.length];
    if (!checker) throw new Error('no simulated clients');
    const client = (i * 37) % Math.min(CLIENTS_PER_WORKER, nodeNames.length - (i % workers.length) * CLIENTS_PER_WORKER);
    await ask(checker, { type: 'check', round: i, client }, 'checking');
    const checked = new Promise<Record<string, unknown>>((resolve) => {
      const onMessage = (m: unknown) => {
        if (typeof m === 'object' && m !== null && 'type' in m && m.type === 'checked' && 'round' in m && m.round === i) {
          checker.off('message', onMessage);
          resolve(m as Record<string, unknown>);
        }
      };
      checker.on('message', onMessage);
    });
    const { total, lastPush } = await measureChange(api, cp, streams, weights);
    assertWeights((await checked).weights, weights, i);
    totals.push(total);
    pushes.push(lastPush);
  }
  const serverMs = cpuMs(process.threadCpuUsage(), serverBefore) / FANOUT_ROUNDS;
  const clientsAfter = await Promise.all(workers.map(workerCpu));
  const clientsMs = clientsAfter.reduce((sum, u, k) => sum + cpuMs(u, clientsBefore[k] ?? u), 0) / FANOUT_ROUNDS;
  await stopProfile();
  if (PROFILE_DIR) {
    const dir = PROFILE_DIR;
    await Promise.all(workers.map((w, k) => ask(w, { type: 'profile-stop', path: join(dir, `clients-${profileName}-${k}.cpuprofile`) }, 'profiled')));
  }
  console.log(`fan-out to ${streams.size} simulated clients, ${label} (load ${loadavg().map((l) => l.toFixed(2)).join(' ')}):`);
  report('  change -> last client ACKed', totals);
  report('  change -> last push written', pushes);
  console.log(`  CPU per change: control plane thread ${fmt(serverMs)} (the server's side of the API write included; the SDK client runs in a worker), simulated clients ${fmt(clientsMs)}; each push checked in full by one client`);
  for (const w of workers) w.postMessage('close');
  await eventually('simulated clients gone', async () => cp.xds.core.streams.connectedCount(), (n) => n === 1);
}

async function main(): Promise<void> {
  const cp = await startControlPlane({ insecure: process.env.XDS_INSECURE === '1' });
  const blue = await httpUpstream('blue');
  const green = await httpUpstream('green');
  const api = await apiClient(cp.url);
  const envoy = await (async () => {
    await createColorMesh(cp.client, { blue: blue.port, green: green.port }, { blue: 50, green: 50 });
    return startFrontEnvoy(cp);
  })();
  try {
    await eventually('Envoy routes', () => sample(cp.egressPort, 4), (c) => (c.blue ?? 0) + (c.green ?? 0) === 4);
    const front = streamsOf(cp, [FRONT]);
    console.log(`xDS benchmark (${cp.xds.transport === 'tls' ? 'TLS xDS with client certificates' : 'plaintext xDS, XDS_INSECURE=1'}): ${CHANGES} route weight changes to 1 real Envoy, then ${FANOUT_ROUNDS} changes fanned out to ${FANOUT.join(', ')} simulated clients; load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const totals: number[] = [];
    const pushToAck: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const r = await measureChange(api, cp, front, { blue: 20 + (i % 2) * 60, green: 80 - (i % 2) * 60 });
      totals.push(r.total);
      pushToAck.push(...r.pushToAck);
    }
    report('1 Envoy: change -> ACK of new routes', totals);
    report('1 Envoy: RDS push -> ACK', pushToAck);

    let created = 0;
    for (const [i, size] of FANOUT.entries()) {
      const names = Array.from({ length: size }, (_, k) => `sim-${k}`);
      for (; created < size; created++) {
        await cp.client.send(new CreateVirtualNodeCommand({
          meshName: MESH, virtualNodeName: `sim-${created}`, spec: { backends: [{ virtualService: { virtualServiceName: SERVICE } }] },
        }));
      }
      await fanOut(api, cp, `${size} distinct nodes`, names);
      if (i === 0) await fanOut(api, cp, 'replicas of 1 node', names.map(() => 'sim-0'));
    }
  } finally {
    api.close();
    await envoy.stop();
    await cp.close();
    await blue.close();
    await green.close();
  }
}

await main();
