// App Mesh API throughput and latency on SQLite: describe, list and create.
//   npx tsx bench/api.ts
// The server runs as its own process, the compiled bundle `npm start` runs (bench/compiled-server.ts;
// MW_BENCH_TSX=1: through tsx); autocannon drives it over 127.0.0.1.
// Targets: describe p99 < 5 ms and >= 2,000 req/s; create p99 < 20 ms; describe at c=10 >= 1/3 of a
// bare Node http server (its own process too) answering the same bytes, measured in the same run.
// API_BENCH_CPU_PROF=<dir>: the server runs under V8's --cpu-prof and writes its profile there on exit.
// API_BENCH_ONLY=describe: stop after describe and the bare server (the part worth profiling).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { TEST_CREDENTIALS } from '../testkit/bff';
import { signedHeaders } from '../testkit/sign';
import { startMeshwright } from './peers/processes';
import { cpuSeconds } from './process-cpu';

const dataDir = mkdtempSync(join(tmpdir(), 'mw-bench-api-'));
const seedNodes = 200;

const profileDir = process.env.API_BENCH_CPU_PROF;
const describeOnly = process.env.API_BENCH_ONLY === 'describe';
// The server's log (a JSON line per request) is read and dropped once it is ready, as a log shipper would take it.
const { child, url: base } = await startMeshwright(dataDir, profileDir ? { dir: profileDir, intervalUs: 50 } : undefined);

/** SigV4 headers as the SDK makes them; a signature stays valid for 15 minutes, longer than a run. */
async function sign(url: string, method = 'GET', body?: string): Promise<Record<string, string>> {
  // fetch and autocannon send Host themselves, the same value that is signed.
  const { host: _host, ...headers } = await signedHeaders(TEST_CREDENTIALS, { method, url: new URL(url), ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body }) });
  return headers;
}

async function put(path: string, body: unknown): Promise<void> {
  const url = `${base}/v20190125${path}`;
  const text = JSON.stringify(body);
  const res = await fetch(url, { method: 'PUT', headers: await sign(url, 'PUT', text), body: text });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

const spec = (host: string) => ({ listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: host } } });
await put('/meshes', { meshName: 'bench' });
for (let i = 0; i < seedNodes; i++) {
  const name = `node-${String(i).padStart(4, '0')}`;
  await put('/meshes/bench/virtualNodes', { virtualNodeName: name, spec: spec(`${name}.bench.local`) });
}

/** A bare node:http server in its own process that answers every request with `body`: the ceiling. */
async function startBare(body: string, contentType: string): Promise<{ url: string; pid: number | undefined; stop: () => Promise<void> }> {
  const script = `const b = Buffer.from(process.env.BODY); const t = process.env.TYPE;
    const s = require('node:http').createServer((q, r) => { r.writeHead(200, { 'content-type': t, 'content-length': b.length }); r.end(b); });
    s.listen(0, '127.0.0.1', () => console.log('bare ready on http://127.0.0.1:' + s.address().port));`;
  const bare = spawn(process.execPath, ['-e', script], { env: { ...process.env, BODY: body, TYPE: contentType }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    bare.stdout.on('data', (c: Buffer) => {
      const m = /ready on (\S+)/.exec(c.toString());
      if (m?.[1]) resolve(m[1]);
    });
    bare.on('exit', (code) => reject(new Error(`bare server exited (${code})`)));
  });
  return { url, pid: bare.pid, stop: () => new Promise((r) => { bare.once('exit', r); bare.kill('SIGTERM'); }) };
}

console.log(`load average at start: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
let created = 0;
const rows: string[] = [];
type Result = Awaited<ReturnType<typeof autocannon>>;
function report(name: string, r: Result): void {
  const bad = r.non2xx + r.errors + r.timeouts;
  rows.push(
    `${name.padEnd(13)} ${r.requests.average.toFixed(0).padStart(7)} req/s   p50 ${r.latency.p50.toFixed(2).padStart(6)} ms   ` +
      `p99 ${r.latency.p99.toFixed(2).padStart(6)} ms   requests ${r.requests.total}${bad ? `   FAILED ${bad}` : ''}`,
  );
}

/** Rounds of one measurement as one: requests and errors summed, throughput over the total time, latency of the median round. */
function combined(rounds: Result[]): Result {
  const sum = (f: (r: Result) => number) => rounds.reduce((a, r) => a + f(r), 0);
  const byP99 = [...rounds].sort((a, b) => a.latency.p99 - b.latency.p99);
  const median = byP99[Math.floor(byP99.length / 2)] ?? rounds[0];
  if (!median) throw new Error('no rounds');
  const total = sum((r) => r.requests.total);
  const seconds = sum((r) => r.duration);
  return { ...median, non2xx: sum((r) => r.non2xx), errors: sum((r) => r.errors), timeouts: sum((r) => r.timeouts), requests: { ...median.requests, total, average: total / seconds } };
}

try {
  // Warm-up so JIT and SQLite page cache are settled before measuring.
  const warmUrl = `${base}/v20190125/meshes/bench/virtualNodes/node-0001`;
  await autocannon({ url: warmUrl, headers: await sign(warmUrl), connections: 4, duration: 2 });
  const describeUrl = `${base}/v20190125/meshes/bench/virtualNodes/node-0100`;
  const describeHeaders = await sign(describeUrl);
  report('describe c=4', await autocannon({ url: describeUrl, headers: describeHeaders, connections: 4, duration: 10 }));
  const described = await fetch(describeUrl, { headers: describeHeaders });
  const bare = await startBare(await described.text(), described.headers.get('content-type') ?? 'application/json');
  try {
    // Side by side, same bytes, same connections: meshwright's describe and the bare server in turns
    // (5 rounds of 2 s each, the order flipped every round), so a neighbour's load that comes and goes
    // on the shared machine falls on both alike. Throughput is over all rounds; latency the median round's.
    await autocannon({ url: bare.url, connections: 10, duration: 2 });
    const cpuBefore = { mw: cpuSeconds(child.pid), bare: cpuSeconds(bare.pid) };
    const mwRounds: Result[] = [];
    const bareRounds: Result[] = [];
    for (let round = 0; round < 5; round++) {
      const runMw = async () => mwRounds.push(await autocannon({ url: describeUrl, headers: describeHeaders, connections: 10, duration: 2 }));
      const runBare = async () => bareRounds.push(await autocannon({ url: bare.url, connections: 10, duration: 2 }));
      if (round % 2 === 0) await runMw().then(runBare);
      else await runBare().then(runMw);
    }
    const mw = combined(mwRounds);
    const ceiling = combined(bareRounds);
    report('describe c=10', mw);
    report('bare node c=10', ceiling);
    // CPU time each server process used per answer (Linux /proc): unlike throughput, it does not
    // depend on how much of the shared cores the neighbours left over.
    const perAnswer = (used: ReturnType<typeof cpuSeconds>, before: ReturnType<typeof cpuSeconds>, r: Result) => {
      if (!used || !before) return 'n/a';
      const us = (s: number) => ((s * 1e6) / r.requests.total).toFixed(0);
      const user = used.user - before.user;
      const system = used.system - before.system;
      return `${us(user + system)} µs (user ${us(user)}, system ${us(system)})`;
    };
    rows.push(`server CPU per answer: describe ${perAnswer(cpuSeconds(child.pid), cpuBefore.mw, mw)}, bare node ${perAnswer(cpuSeconds(bare.pid), cpuBefore.bare, ceiling)}`);
    const ratios = mwRounds.map((r, i) => r.requests.average / (bareRounds[i]?.requests.average ?? Number.NaN)).sort((a, b) => a - b);
    rows.push(
      `describe / bare node: ${(mw.requests.average / ceiling.requests.average).toFixed(3)} over all rounds ` +
        `(per round ${ratios.map((x) => x.toFixed(2)).join(' ')}; target >= 0.333)`,
    );
  } finally {
    await bare.stop();
  }
  const listUrl = `${base}/v20190125/meshes/bench/virtualNodes?limit=100`;
  if (!describeOnly) report('list c=10', await autocannon({ url: listUrl, headers: await sign(listUrl), connections: 10, duration: 10 }));
  for (const connections of describeOnly ? [] : [1, 4]) {
    const mesh = `writes-${connections}`;
    await put('/meshes', { meshName: mesh });
    // Signed ahead of time (autocannon's setupRequest is synchronous), one per create.
    const createUrl = `${base}/v20190125/meshes/${mesh}/virtualNodes`;
    const creates = await Promise.all(
      Array.from({ length: 1500 }, async () => {
        const name = `n-${String(created++).padStart(5, '0')}`;
        const body = JSON.stringify({ virtualNodeName: name, spec: spec(`${name}.${mesh}.local`) });
        return { body, headers: await sign(createUrl, 'PUT', body) };
      }),
    );
    let next = 0;
    report(
      `create c=${connections}`,
      await autocannon({
        url: `${base}/v20190125/meshes/${mesh}/virtualNodes`,
        // One unique name per request (autocannon's idReplacement miscounts Content-Length).
        requests: [
          {
            method: 'PUT',
            setupRequest: (req) => {
              const signed = creates[next++ % creates.length];
              return { ...req, ...signed };
            },
          },
        ],
        connections,
        // Every request is a real create into a mesh that grows to 1,500 nodes (quota 2,000).
        amount: 1500,
      }),
    );
  }
  console.log(`App Mesh API on SQLite, server in its own process (${seedNodes} nodes seeded; c = concurrent connections)`);
  for (const r of rows) console.log(r);
  console.log('targets: describe p99 < 5 ms and >= 2,000 req/s; create p99 < 20 ms; describe >= 1/3 of bare node');
  // Latency figures mean little on a busy machine; say how busy it was.
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
