// Cross-replica propagation: `TEST_DATABASE_URL=postgres://... npx tsx bench/replicas.ts [envoy|fanout]`
// (both by default).
// 1. envoy: two real replica processes on one PostgreSQL schema; a real Envoy connected to replica B.
//    Each round changes the route's weights through replica A's App Mesh API and measures, from A's
//    answer (the commit), until the Envoy on B routes by the new weights: NOTIFY -> B's LISTEN ->
//    recompute -> RDS push -> Envoy applies (and ACKs). Probed by requests through Envoy's egress every ~1 ms.
// 2. fanout: three replicas with 300 simulated ADS clients each (bench/xds-clients.worker.ts, one worker
//    thread per replica, ACKing at once), every client its own virtual node. Each round changes the
//    route's weights through replica A and measures, from A's answer, until the last of the 900
//    clients has ACKed the routes push that follows (and per replica, the last of its 300).
//    xDS runs over TLS with client certificates (the product's default): the replicas share one CA (the
//    set's DATA_DIR/ca.crt, made by A) and the issued serials through PostgreSQL, and every simulated
//    client has its own certificate, from the signed ADS bootstrap download of the replica it streams to.
//    REPLICA_BENCH_XDS=plaintext runs the replicas with XDS_INSECURE=1 and the clients without certificates.
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { CreateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import { eventually } from '../testkit/eventually';
import { apiRequest } from '../testkit/http';
import { replicaSet, type Replica } from '../testkit/replicas';
import { createColorMesh, get, MESH, SERVICE, setWeights } from '../testkit/xds/color-mesh';
import { colorReplicas } from '../testkit/xds/color-replicas';
import { downloadedTls } from '../testkit/xds/tls';
import type { MeshSyncStatus } from '../apps/bff/src/xds/sync-status';
import { benchWorker } from './bench-worker';

const ROUNDS = Number(process.env.REPLICA_BENCH_ROUNDS ?? 40);
const CLIENTS_PER_REPLICA = Number(process.env.REPLICA_BENCH_CLIENTS ?? 300);
const FANOUT_ROUNDS = Number(process.env.REPLICA_BENCH_FANOUT_ROUNDS ?? 20);
const FANOUT_XDS = process.env.REPLICA_BENCH_XDS ?? 'tls';
if (FANOUT_XDS !== 'tls' && FANOUT_XDS !== 'plaintext') throw new Error(`REPLICA_BENCH_XDS=${FANOUT_XDS}: use tls (the default) or plaintext`);
/** Bootstrap downloads in flight per replica while the clients get their certificates (each makes an RSA key). */
const DOWNLOADS_IN_FLIGHT = 4;
const parts = process.argv.slice(2);
const run = (part: string) => parts.length === 0 || parts.includes(part);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}
const fmt = (v: number) => `${v.toFixed(1)} ms`;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' / ');
function report(label: string, values: number[]): void {
  console.log(`${label.padEnd(46)} p50 ${fmt(pct(values, 50)).padStart(9)}  p99 ${fmt(pct(values, 99)).padStart(9)}  max ${fmt(Math.max(...values)).padStart(9)}  (n=${values.length})`);
}
async function envoyBench(): Promise<void> {
  const cr = await colorReplicas({}, [{ REPLICA_ID: 'a' }, { REPLICA_ID: 'b' }], 1);
  try {
    const [a] = cr.replicas;
    if (!a) throw new Error('no replica A');
    const latencies: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const to = i % 2 === 0 ? 'green' : 'blue';
      await setWeights(a.client, to === 'green' ? { blue: 0, green: 100 } : { blue: 100, green: 0 });
      const committed = performance.now();
      while ((await get(cr.egress)) !== to) {
        if (performance.now() - committed > 10_000) throw new Error(`round ${i}: the Envoy on B never routed to ${to}`);
      }
      latencies.push(performance.now() - committed);
    }
    console.log(`load average before/after: ${load()}`);
    report('write on replica A -> Envoy on replica B routes', latencies);
  } finally {
    await cr.close();
  }
}

/** Milliseconds since the epoch, comparable with the workers' (performance.now() is per thread). */
const epochNow = () => performance.timeOrigin + performance.now();

interface WorkerMessage { type: 'armed' | 'acked'; round: number; last?: number }

type ClientTls = Record<string, { caPem: string; certPem: string; keyPem: string }>;

/** Per virtual node, the client TLS of its ADS bootstrap downloaded from this replica, as each Envoy gets its own. */
async function downloadCertificates(replica: Replica, names: string[]): Promise<ClientTls> {
  const tls: ClientTls = {};
  let next = 0;
  const download = async () => {
    for (let i = next++; i < names.length; i = next++) {
      const name = names[i] ?? '';
      const { caPem, certPem, keyPem } = await downloadedTls(replica, MESH, `virtualNodes/${name}`);
      tls[`mesh/${MESH}/virtualNode/${name}`] = { caPem, certPem, keyPem };
    }
  };
  await Promise.all(Array.from({ length: DOWNLOADS_IN_FLIGHT }, download));
  return tls;
}

/** One worker thread of simulated clients on one replica's xDS port; `tls` empty for plaintext xDS. */
async function startClients(replica: Replica, nodeIds: string[], routeNames: string[], tls: ClientTls) {
  const worker = await benchWorker('bench/xds-clients.worker.ts', { address: `127.0.0.1:${replica.xdsPort}`, nodeIds, tls, routeNames }, 'simulated clients');
  const next = (type: WorkerMessage['type'], round: number) =>
    new Promise<WorkerMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`round ${round}: no ${type} from the clients of ${replica.url} in 60 s`)), 60_000);
      const on = (m: WorkerMessage) => {
        if (m.type !== type || m.round !== round) return;
        clearTimeout(timer);
        worker.off('message', on);
        resolve(m);
      };
      worker.on('message', on);
    });
  return {
    /** The next routes push each client gets is this round's; resolves once the worker knows, with the wait for the ACKs. */
    arm: async (round: number): Promise<{ acked: Promise<WorkerMessage> }> => {
      const armed = next('armed', round);
      worker.postMessage({ type: 'arm', round });
      await armed;
      return { acked: next('acked', round) };
    },
    close: () => worker.postMessage('close'),
  };
}

async function fanOutBench(): Promise<void> {
  const egressPort = 15001;
  const plaintext = FANOUT_XDS === 'plaintext';
  const set = replicaSet({ ...(plaintext ? { XDS_INSECURE: '1' } : {}), PROXY_EGRESS_PORT: String(egressPort) });
  const workers: Awaited<ReturnType<typeof startClients>>[] = [];
  try {
    const replicas = [await set.start({ REPLICA_ID: 'a' }), await set.start({ REPLICA_ID: 'b' }), await set.start({ REPLICA_ID: 'c' })];
    const [a] = replicas;
    if (!a) throw new Error('no replica A');
    // Upstream ports only appear in the configs: the simulated clients send no traffic.
    await createColorMesh(a.client, { blue: 9, green: 10 }, { blue: 50, green: 50 });
    const names = Array.from({ length: CLIENTS_PER_REPLICA }, (_, i) => `sim-${i}`);
    for (const n of names) {
      await a.client.send(new CreateVirtualNodeCommand({ meshName: MESH, virtualNodeName: n, spec: { backends: [{ virtualService: { virtualServiceName: SERVICE } }] } }));
    }
    const nodeIds = names.map((n) => `mesh/${MESH}/virtualNode/${n}`);
    const certificatesFrom = performance.now();
    const tls = plaintext ? replicas.map(() => ({})) : await Promise.all(replicas.map((r) => downloadCertificates(r, names)));
    if (!plaintext) console.log(`${replicas.length * names.length} client certificates downloaded in ${((performance.now() - certificatesFrom) / 1000).toFixed(1)} s`);
    for (const [i, r] of replicas.entries()) workers.push(await startClients(r, nodeIds, [`rds_egress_http_${egressPort}`], tls[i] ?? {}));
    const total = replicas.length * names.length;
    await eventually(`${total} simulated clients SYNCED in replica A's console`, async () => {
      const status = (await (await apiRequest(a, `/api/meshes/${MESH}/sync-status`)).json()) as MeshSyncStatus;
      const synced = Object.values(status.nodes).reduce((k, s) => k + s.proxies.filter((p) => p.state === 'SYNCED').length, 0);
      if (process.env.REPLICA_BENCH_VERBOSE) console.log(`${synced} of ${total} SYNCED (${Object.keys(status.nodes).length} nodes listed)`);
      return synced;
    }, (n) => n === total, 300_000);

    const lastOfAll: number[] = [];
    const perReplica: number[][] = replicas.map(() => []);
    const loadBefore = load();
    for (let round = 0; round < FANOUT_ROUNDS; round++) {
      const acked = await Promise.all(workers.map((w) => w.arm(round)));
      await setWeights(a.client, { blue: 10 + (round % 2) * 40, green: 90 - (round % 2) * 40 });
      const committed = epochNow();
      const lasts = (await Promise.all(acked.map((x) => x.acked))).map((m) => (m.last ?? Number.NaN) - committed);
      lasts.forEach((v, i) => perReplica[i]?.push(v));
      lastOfAll.push(Math.max(...lasts));
    }
    console.log(`fan-out: 3 replicas x ${names.length} simulated ADS clients (${plaintext ? 'plaintext xDS, XDS_INSECURE=1' : 'xDS over TLS, a client certificate each'}), ${FANOUT_ROUNDS} route changes through replica A; load average before ${loadBefore}, after ${load()}`);
    report(`  A's answer -> last of ${total} clients ACKed`, lastOfAll);
    replicas.forEach((_, i) => report(`  A's answer -> last of replica ${'abc'[i]}'s ${names.length} ACKed`, perReplica[i] ?? []));
  } finally {
    for (const w of workers) w.close();
    await set.close();
  }
}

if (run('envoy')) await envoyBench();
if (run('fanout')) await fanOutBench();
