// Side by side: a route weight change -> applied in a real Envoy, meshwright against a minimal
// go-control-plane ADS server serving the same resources to an identical Envoy, and against the same
// peer keeping meshwright's guarantees (guarded.go: SigV4, validation, a durable SQLite commit before
// the push), which tells what the guarantees cost from what the runtime costs.
//   npx tsx bench/peers/change-to-envoy.ts      (CHANGES_BLOCK=20 BLOCKS=5 SERVICES=30 PAUSE_MS=20
//   CPU_PROF_DIR=... CPU_PROF_INTERVAL=<µs>; MW_NODE_FLAGS='--a --b' adds flags to meshwright's node)
// The clock is outside both control planes: from sending the change request to the poll of Envoy's
// admin stat http.<stat_prefix>.rds.<route config>.version_text that first shows a new version.
// meshwright's request (and the guarded peer's) is SigV4-signed first, as the AWS CLI or an SDK signs
// before it sends; the signing is the client's work, printed on its own line, not counted in any side's time.
// meshwright's xDS runs over TLS with the bootstrap's client certificate (XDS_INSECURE=1: plaintext);
// the go-control-plane peer then serves mutual TLS too, with a server certificate from meshwright's CA
// and client certificates verified against it, so both Envoys run the very same bootstrap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse, stringify } from 'yaml';
import { TEST_CREDENTIALS } from '../../testkit/bff';
import { startEnvoy, type RunningEnvoy } from '../../testkit/envoy';
import { signedHeaders } from '../../testkit/sign';
import { loadOrCreateCa } from '../../apps/bff/src/xds/tls/ca-files';
import { cpuSeconds } from '../process-cpu';
import { buildPeer, freePort, startMeshwright, startPeer, stopProcess, type Meshwright, type Peer, type PeerTls } from './processes';
import { meshwrightWeights, seedMesh } from './seed';
import { resourcesOf, weightedRoute } from './config-dump';

const BLOCK = Number(process.env.CHANGES_BLOCK ?? 20);
const BLOCKS = Number(process.env.BLOCKS ?? 5);
/** Between changes, so each finds the machine as a change that comes alone would (ACK done, caches cooled). */
const PAUSE_MS = Number(process.env.PAUSE_MS ?? 20);
const SERVICES = Number(process.env.SERVICES ?? 30);
// Only text readouts are scanned, so a poll costs Envoy's main thread little (it applies xDS there too).
const POLL_QUERY = process.env.POLL_QUERY ?? 'type=TextReadouts&';
const fmtLoad = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/** CPU ms a process has used so far (user and system, every thread). */
function cpuMs(pid: number | undefined): number {
  const used = cpuSeconds(pid);
  return used ? (used.user + used.system) * 1000 : Number.NaN;
}

/** How long signing each change took (before its clock started), meshwright's and the guarded peer's. */
const signing: number[] = [];
/** Signs `prepare`'s request, timing the signing apart from the change. */
async function timedSigning<T>(sign: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const signed = await sign();
  signing.push(performance.now() - t);
  return signed;
}
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
/** One keep-alive HTTP request; resolves with status and body. */
function http(url: string, method = 'GET', body?: string, headers?: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: headers ?? (body ? { 'content-type': 'application/json' } : {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A server certificate for 127.0.0.1 from meshwright's CA (in its DATA_DIR), as meshwright's xDS port has. */
async function peerTls(dataDir: string, dir: string): Promise<PeerTls> {
  const { ca, certFile } = await loadOrCreateCa({ dataDir }, new Date());
  const now = Date.now();
  const server = await ca.issue({ commonName: '127.0.0.1', usage: 'server', ips: ['127.0.0.1'], notBefore: new Date(now - 3_600_000), notAfter: new Date(now + 86_400_000) });
  writeFileSync(join(dir, 'peer.crt'), server.certPem);
  writeFileSync(join(dir, 'peer.key'), server.keyPem, { mode: 0o600 });
  return { certFile: join(dir, 'peer.crt'), keyFile: join(dir, 'peer.key'), clientCaFile: certFile };
}

/** The route config's version as Envoy last applied it (a text readout stat). */
async function versionText(adminPort: number, stat: string): Promise<string> {
  const { body } = await http(`http://127.0.0.1:${adminPort}/stats?${POLL_QUERY}filter=${encodeURIComponent(`^${stat.replaceAll('.', '\\.')}$`)}`);
  return /: "?([^"\n]*)"?/.exec(body)?.[1] ?? '';
}

async function findVersionStat(adminPort: number, routeName: string): Promise<string> {
  for (let i = 0; i < 200; i++) {
    const { body } = await http(`http://127.0.0.1:${adminPort}/stats?filter=${encodeURIComponent(`rds\\.${routeName}\\.version_text$`)}`);
    const m = /^(\S+): "?([^"\n]*)"?$/m.exec(body);
    if (m?.[1] && m[2]) return m[1];
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no version_text stat for ${routeName} on admin port ${adminPort}`);
}

/** Sends the change, polls back to back until Envoy shows a version other than `before`. */
async function timeChange(send: () => Promise<{ status: number; body: string }>, adminPort: number, stat: string, before: string) {
  const t0 = performance.now();
  // A refused change ends the polling at once instead of waiting for a version that never comes.
  let refused: string | undefined;
  const response = send().then(
    (r) => { if (r.status !== 200) refused = `change answered ${r.status}: ${r.body}`; },
    (e: unknown) => { refused = `change request failed: ${String(e)}`; },
  );
  let v = before;
  let polls = 0;
  while (v === before) {
    if (refused) throw new Error(refused);
    v = await versionText(adminPort, stat);
    if (++polls > 50000) throw new Error(`Envoy on ${adminPort} never applied the change`);
  }
  const ms = performance.now() - t0;
  await response;
  if (refused) throw new Error(refused);
  return { ms, version: v };
}

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

interface Side {
  name: string;
  envoy: RunningEnvoy;
  stat: string;
  version: string;
  /** Prepares change `i` (meshwright: signs it) and returns what sends it. */
  prepare: (i: number) => Promise<() => Promise<{ status: number; body: string }>>;
  /** Changes sent so far: their parity picks the next weights. */
  sent: number;
  times: number[];
  /** The control plane's process, and the CPU ms it ran during the counted blocks. */
  pid: number | undefined;
  cpu: number;
  /** CPU ms it ran while the other side's blocks were counted (background work, not the changes). */
  idleCpu: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-bench-peers-'));
  const started: { stop: () => Promise<void> }[] = [];
  const stopAll = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    agent.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
  try {
    console.log(`load average at start: ${fmtLoad()}`);
    const bin = buildPeer();
    const mw: Meshwright = await startMeshwright(join(dir, 'data'), process.env.CPU_PROF_DIR ? { dir: process.env.CPU_PROF_DIR, ...(process.env.CPU_PROF_INTERVAL ? { intervalUs: Number(process.env.CPU_PROF_INTERVAL) } : {}) } : undefined);
    started.push({ stop: () => stopProcess(mw.child) });
    await seedMesh(mw.url, SERVICES);

    // Every request is authenticated: the bootstrap download is signed with the seeded admin key too.
    const configUrl = `${mw.url}/api/meshes/shop/virtualNodes/front/envoy-config?mode=ads&format=yaml`;
    const res = await http(configUrl, 'GET', undefined, await signedHeaders(TEST_CREDENTIALS, { method: 'GET', url: new URL(configUrl) }));
    if (res.status !== 200) throw new Error(`envoy-config answered ${res.status}: ${res.body}`);
    type Bootstrap = { admin: { address: { socket_address: { port_value: number } } }; static_resources: { clusters: { name: string; transport_socket?: unknown }[] } };
    const xdsTls = (parse(res.body) as Bootstrap).static_resources.clusters.some((c) => c.name === 'xds_cluster' && c.transport_socket !== undefined);
    console.log(`xDS of both: ${xdsTls ? 'mutual TLS (the bootstrap\'s client certificate, verified against meshwright\'s CA)' : 'plaintext (XDS_INSECURE=1)'}`);
    const bootstrapFor = async (xdsPort: number) => {
      const b = parse(res.body.replaceAll(`port_value: ${mw.xdsPort}\n`, `port_value: ${xdsPort}\n`)) as Bootstrap;
      const adminPort = await freePort();
      b.admin.address.socket_address.port_value = adminPort;
      return { yaml: stringify(b), adminPort };
    };
    const nodeId = (parse(res.body) as { node: { id: string } }).node.id;

    const a = await bootstrapFor(mw.xdsPort);
    const envoyA = await startEnvoy(a.yaml, a.adminPort);
    started.push(envoyA);
    const dumpA = () => http(`http://127.0.0.1:${a.adminPort}/config_dump`).then((r) => JSON.parse(r.body) as unknown);
    const { routeName, clusters } = await (async () => {
      for (let i = 0; i < 200; i++) {
        const found = weightedRoute(await dumpA());
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('meshwright Envoy never got the weighted route');
    })();
    const resources = resourcesOf(await dumpA(), await Promise.all([freePort(), freePort(), freePort()]));
    writeFileSync(join(dir, 'resources.json'), JSON.stringify(resources));
    const tls = xdsTls ? await peerTls(join(dir, 'data'), dir) : undefined;
    const peer: Peer = await startPeer(bin, join(dir, 'resources.json'), nodeId, tls);
    started.push({ stop: () => stopProcess(peer.child) });
    const b = await bootstrapFor(peer.xdsPort);
    const envoyB = await startEnvoy(b.yaml, b.adminPort);
    started.push(envoyB);
    const guarded: Peer = await startPeer(bin, join(dir, 'resources.json'), nodeId, tls, join(dir, 'guarded-peer.db'));
    started.push({ stop: () => stopProcess(guarded.child) });
    const c = await bootstrapFor(guarded.xdsPort);
    const envoyC = await startEnvoy(c.yaml, c.adminPort);
    started.push(envoyC);

    // Weights alternate 20/80 and 80/20 from the seeded 80/20, so every change is a real change.
    const weightsAt = (i: number): [number, number] => (i % 2 === 0 ? [20, 80] : [80, 20]);
    const peerBody = (i: number) => JSON.stringify({ [clusters[0] ?? '']: weightsAt(i)[0], [clusters[1] ?? '']: weightsAt(i)[1] });
    const sides: Side[] = [
      { name: 'meshwright', envoy: envoyA, pid: mw.child.pid, cpu: 0, idleCpu: 0, stat: await findVersionStat(a.adminPort, routeName), version: '', sent: 0, times: [],
        prepare: async (i) => {
          const signed = await timedSigning(() => meshwrightWeights(mw.url, weightsAt(i)));
          return () => http(...signed);
        } },
      { name: 'go-control-plane', envoy: envoyB, pid: peer.child.pid, cpu: 0, idleCpu: 0, stat: await findVersionStat(b.adminPort, routeName), version: '', sent: 0, times: [],
        prepare: async (i) => {
          const body = peerBody(i);
          return () => http(`${peer.controlUrl}/weights`, 'PUT', body);
        } },
      { name: 'go-cp guarded', envoy: envoyC, pid: guarded.child.pid, cpu: 0, idleCpu: 0, stat: await findVersionStat(c.adminPort, routeName), version: '', sent: 0, times: [],
        prepare: async (i) => {
          const body = peerBody(i);
          const url = `${guarded.controlUrl}/weights`;
          const headers = await timedSigning(() => signedHeaders(TEST_CREDENTIALS, { method: 'PUT', url: new URL(url), headers: { 'content-type': 'application/json' }, body }));
          return () => http(url, 'PUT', body, headers);
        } },
    ];
    for (const s of sides) s.version = await versionText(s.envoy.adminPort, s.stat);
    const pollStart = performance.now();
    for (let i = 0; i < 500; i++) await versionText(envoyA.adminPort, sides[0]?.stat ?? '');
    console.log(`one poll of Envoy's admin (the clock's resolution): ${((performance.now() - pollStart) / 500).toFixed(3)} ms`);
    console.log(`synced: ${resources.listeners.length} listeners, ${resources.routes.length} route configs, ${resources.clusters.length} clusters ` +
      `(${SERVICES} services); weighted clusters ${clusters.join(', ')}; stat ${sides[0]?.stat}`);

    for (let block = 0; block < (BLOCKS + 1) * sides.length; block++) {
      // The first block on each side warms up (JIT, connections) and is not counted.
      const side = sides[block % sides.length];
      if (!side) continue;
      const counted = block >= sides.length;
      const cpuBefore = cpuMs(side.pid);
      // meshwright's background work is counted while the minimal peer's blocks run, and the reverse
      // (the guarded peer's blocks count for neither, so each figure covers as many blocks as before).
      const index = block % sides.length;
      const other = index < 2 ? sides[1 - index] : undefined;
      const otherBefore = cpuMs(other?.pid);
      for (let i = 0; i < BLOCK; i++) {
        const send = await side.prepare(side.sent++);
        const { ms, version } = await timeChange(send, side.envoy.adminPort, side.stat, side.version);
        side.version = version;
        if (counted) side.times.push(ms);
        // Let the ACK and its bookkeeping finish before the next change.
        await new Promise((r) => setTimeout(r, PAUSE_MS));
      }
      if (counted) side.cpu += cpuMs(side.pid) - cpuBefore;
      if (counted && other) other.idleCpu += cpuMs(other.pid) - otherBefore;
    }

    console.log(`change -> applied in Envoy (version_text polled back to back), ${BLOCKS} blocks of ${BLOCK} alternating:`);
    for (const s of sides) {
      console.log(`  ${s.name.padEnd(17)} p50 ${pct(s.times, 50).toFixed(2)} ms  p90 ${pct(s.times, 90).toFixed(2)} ms  p99 ${pct(s.times, 99).toFixed(2)} ms  (n=${s.times.length})`);
    }
    const perChange = (s: Side, ms: number) => `${s.name} ${((ms / s.times.length) * 1000).toFixed(0)} µs`;
    console.log(`  control plane CPU per change (all threads, /proc, the change, its push and the ACK): ${sides.map((s) => perChange(s, s.cpu)).join(', ')}`);
    console.log(`  the same while the other's blocks ran (meshwright and the minimal peer; background work such as Envoy's metrics stream, per change; /proc counts in 10 ms ticks): ${sides.slice(0, 2).map((s) => perChange(s, s.idleCpu)).join(', ')}`);
    const ratios = (a: number[], b: number[]) => [50, 90, 99].map((p) => `p${p} ${(pct(a, p) / pct(b, p)).toFixed(2)}`).join('  ');
    const [m, g, guardedTimes] = sides.map((s) => s.times);
    if (m && g) console.log(`  meshwright / go-control-plane: ${ratios(m, g)}   (targets: p50 <= 1.0, p99 <= 1.2)`);
    if (m && guardedTimes) console.log(`  meshwright / go-control-plane with meshwright's guarantees (SigV4, validation, SQLite commit before the push): ${ratios(m, guardedTimes)}`);
    if (guardedTimes && g) console.log(`  what the guarantees cost the go peer: guarded / minimal ${ratios(guardedTimes, g)}`);
    console.log(`  (not counted: signing the signed sides' requests in this process, p50 ${pct(signing, 50).toFixed(2)} ms, p99 ${pct(signing, 99).toFixed(2)} ms)`);
    console.log(`load average at end: ${fmtLoad()}`);
  } finally {
    await stopAll();
  }
}

await main();
