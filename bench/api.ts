// App Mesh API throughput and latency on SQLite: describe, list and create.
//   npx tsx bench/api.ts
// The server runs as its own process (as in production); autocannon drives it over 127.0.0.1.
// Targets: describe p99 < 5 ms and >= 2,000 req/s; create p99 < 20 ms.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'mw-bench-api-'));
const seedNodes = 200;

const child = spawn(process.execPath, ['--import', 'tsx', 'apps/bff/src/server.ts'], {
  cwd: repoRoot,
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', XDS_PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const base = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    const m = /ready on (http:\/\/[\d.]+:\d+)/.exec(out);
    if (m?.[1]) resolve(m[1]);
  });
  child.on('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
});

async function put(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${base}/v20190125${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

const spec = (host: string) => ({ listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: host } } });
await put('/meshes', { meshName: 'bench' });
for (let i = 0; i < seedNodes; i++) {
  const name = `node-${String(i).padStart(4, '0')}`;
  await put('/meshes/bench/virtualNodes', { virtualNodeName: name, spec: spec(`${name}.bench.local`) });
}

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

try {
  // Warm-up so JIT and SQLite page cache are settled before measuring.
  await autocannon({ url: `${base}/v20190125/meshes/bench/virtualNodes/node-0001`, connections: 4, duration: 2 });
  for (const connections of [4, 10]) {
    report(`describe c=${connections}`, await autocannon({ url: `${base}/v20190125/meshes/bench/virtualNodes/node-0100`, connections, duration: 10 }));
  }
  report('list c=10', await autocannon({ url: `${base}/v20190125/meshes/bench/virtualNodes?limit=100`, connections: 10, duration: 10 }));
  for (const connections of [1, 4]) {
    const mesh = `writes-${connections}`;
    await put('/meshes', { meshName: mesh });
    report(
      `create c=${connections}`,
      await autocannon({
        url: `${base}/v20190125/meshes/${mesh}/virtualNodes`,
        // One unique name per request (autocannon's idReplacement miscounts Content-Length).
        requests: [
          {
            method: 'PUT',
            headers: { 'content-type': 'application/json' },
            setupRequest: (req) => {
              const name = `n-${String(created++).padStart(5, '0')}`;
              return { ...req, body: JSON.stringify({ virtualNodeName: name, spec: spec(`${name}.${mesh}.local`) }) };
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
  console.log('targets: describe p99 < 5 ms and >= 2,000 req/s; create p99 < 20 ms');
  // Latency figures mean little on a busy machine; say how busy it was.
  console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
