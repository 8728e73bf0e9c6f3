// Cost of one SigV4 verification (target: under 0.1 ms per request). Requests are signed once by
// @smithy/signature-v4 exactly as the AWS SDK signs them, then verified many times; a refusal
// (wrong signature) is timed too, since it does the same work and must not be cheaper to probe.
import { performance } from 'node:perf_hooks';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { NodeSha256 } from '../apps/bff/src/auth/sha256';
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyService } from '../apps/bff/src/auth/access-keys';
import { verifySigV4, verifySigV4Now, type SignedRequest } from '../apps/bff/src/auth/sigv4';
import { openSqliteStore } from '../apps/bff/src/store/sqlite-store';

const KEY = 'AKIDBENCHMARK0000001';
const SECRET = 'bench-secret-access-key-0000000000000000';
const signer = new SignatureV4({ credentials: { accessKeyId: KEY, secretAccessKey: SECRET }, region: 'us-west-2', service: 'appmesh', sha256: NodeSha256 });

async function signed(method: string, path: string, query: Record<string, string>, body: string): Promise<SignedRequest> {
  const req: HttpRequest = { method, protocol: 'http:', hostname: '127.0.0.1', port: 8080, path, query, headers: { host: '127.0.0.1:8080', 'content-type': 'application/json', 'user-agent': 'aws-sdk-js/3 bench' }, body };
  const out = await signer.sign(req);
  const qs = new URLSearchParams(query).toString().replace(/\+/g, '%20');
  const headers = Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method, url: qs ? `${path}?${qs}` : path, headers, body: Buffer.from(body) };
}

type Lookup = (id: string) => string | undefined | Promise<string | undefined>;
const inMemory: Lookup = (id) => (id === KEY ? SECRET : undefined);

async function time(label: string, req: SignedRequest, expectOk: boolean, n = 20_000, lookupSecret: Lookup = inMemory): Promise<void> {
  const options = { region: 'us-west-2', lookupSecret };
  const first = await verifySigV4(req, options);
  if (first.ok !== expectOk) throw new Error(`${label}: expected ok=${String(expectOk)}, got ${JSON.stringify(first)}`);
  for (let i = 0; i < 2_000; i++) await verifySigV4(req, options);
  const samples = new Float64Array(n);
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await verifySigV4(req, options);
    samples[i] = performance.now() - t;
  }
  const mean = (performance.now() - start) / n;
  samples.sort();
  const p99 = samples[Math.floor(n * 0.99)] ?? 0;
  console.log(`| ${label} | ${(mean * 1000).toFixed(1)} µs | ${(p99 * 1000).toFixed(1)} µs | ${Math.round(1000 / mean).toLocaleString('en-US')}/s |`);
}

const body = JSON.stringify({ meshName: 'shop', virtualNodeName: 'frontend', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'frontend.shop.local' } }, backends: Array.from({ length: 8 }, (_, i) => ({ virtualService: { virtualServiceName: `svc-${i}.shop.local` } })) }, clientToken: 'b8e2c1d0-bench' }).padEnd(1024, ' ');
const list = await signed('GET', '/v20190125/meshes/shop/virtualNodes', { limit: '50', nextToken: 'a+b/c=' }, '');
const put = await signed('PUT', '/v20190125/meshes/shop/virtualNodes', {}, body);
const wrong = { ...list, headers: { ...list.headers, authorization: String(list.headers.authorization).replace(/.$/, (c) => (c === '0' ? '1' : '0')) } };

console.log(`SigV4 verification on Node ${process.versions.node}, 20,000 runs each (after 2,000 warm-up)\n`);
console.log('| request | mean | p99 | per core |');
console.log('| --- | --- | --- | --- |');
await time('GET list-virtual-nodes (query string, empty body)', list, true);
await time('PUT create-virtual-node (1 KiB JSON body)', put, true);
await time('GET with a wrong signature (refused)', wrong, false);

// The server's own path: the key read from the SQLite key store and its secret decrypted (AES-256-GCM)
// on every request (keyCacheMs 0), and as the server runs, with a found key remembered for up to 1 s.
const dir = mkdtempSync(join(tmpdir(), 'mw-bench-sigv4-'));
const store = openSqliteStore({ dataDir: dir });
try {
  const masterKey = randomBytes(32);
  const uncached = keyService(store.auth, masterKey, Date.now, 0);
  await uncached.seedAdmin({ accessKeyId: KEY, secretAccessKey: SECRET });
  const fromStore: Lookup = async (id) => (await uncached.find(id))?.secret;
  await time('GET list, key from the SQLite key store + decrypt every time', list, true, 20_000, fromStore);
  await time('PUT create, key from the SQLite key store + decrypt every time', put, true, 20_000, fromStore);
  const keys = keyService(store.auth, masterKey, Date.now);
  const remembered: Lookup = async (id) => (await keys.find(id))?.secret;
  await time('GET list, key remembered up to 1 s (server path)', list, true, 20_000, remembered);
  // The fast read path's: verifySigV4Now, no promise, the secret at hand (as a remembered key's is).
  const n = 20_000;
  const at = performance.now();
  for (let i = 0; i < n; i++) {
    const verdict = verifySigV4Now(list, { region: 'us-west-2' }, (id) => (id === KEY ? SECRET : undefined));
    if (verdict?.ok !== true) throw new Error(`verifySigV4Now: ${JSON.stringify(verdict)}`);
  }
  console.log(`| GET list, verifySigV4Now, secret at hand (fast read path) | ${(((performance.now() - at) / n) * 1000).toFixed(1)} µs mean | | |`);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
