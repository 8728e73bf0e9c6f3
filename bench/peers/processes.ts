// The processes the side-by-side benchmark runs: meshwright's real server, the go-control-plane
// peer (built here from bench/peers/go-control-plane) and helpers to read their first output line.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY } from '../../testkit/bff';
import { compiledServer } from '../compiled-server';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Resolves with the first match of `pattern` in the child's stdout; rejects if it exits first. */
function readyLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let ready = false;
    child.stdout?.on('data', (c: Buffer) => {
      // Once ready, the rest (a log line per request) is drained unread: keeping and rescanning it
      // would cost this process, which holds the benchmark's clock, more CPU with every request.
      if (ready) return;
      out += c.toString();
      const m = pattern.exec(out);
      if (m) {
        ready = true;
        out = '';
        resolve(m);
      }
    });
    child.on('exit', (code) => reject(new Error(`${what} exited (${code}) before it was ready: ${out}`)));
  });
}

export interface Meshwright {
  child: ChildProcess;
  url: string;
  xdsPort: number;
}

/**
 * The server as `npm start` runs it (the compiled bundle, see bench/compiled-server.ts; MW_BENCH_TSX=1
 * runs apps/bff/src/server.ts through tsx instead), on a fresh SQLite DATA_DIR; `cpuProf` adds --cpu-prof
 * (into `dir`, sampling every `intervalUs` when given); MW_NODE_FLAGS adds node or V8 flags (space-separated).
 */
export async function startMeshwright(dataDir: string, cpuProf?: { dir: string; intervalUs?: number }): Promise<Meshwright> {
  const prof = cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf.dir, ...(cpuProf.intervalUs ? ['--cpu-prof-interval', String(cpuProf.intervalUs)] : [])] : [];
  const compiled = process.env.MW_BENCH_TSX === '1' ? undefined : await compiledServer();
  const entry = compiled ? ['--enable-source-maps', compiled.path] : ['--import', 'tsx', 'apps/bff/src/server.ts'];
  const child = spawn(process.execPath, [...prof, ...(process.env.MW_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), ...entry], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', XDS_PORT: '0', MESHWRIGHT_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID, MESHWRIGHT_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.once('exit', () => compiled?.remove());
  const m = await readyLine(child, /ready on (http:\/\/[\d.]+:\d+).*xDS [\d.]+:(\d+)/, 'meshwright');
  return { child, url: m[1] ?? '', xdsPort: Number(m[2]) };
}

/** `go build`s the peer into a cache folder outside the repo (the module cache does the rest). */
export function buildPeer(): string {
  const outDir = join(tmpdir(), 'meshwright-bench-peers');
  mkdirSync(outDir, { recursive: true });
  const bin = join(outDir, 'go-control-plane-peer');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: join(repoRoot, 'bench/peers/go-control-plane'), stdio: 'inherit' });
  return bin;
}

export interface Peer {
  child: ChildProcess;
  xdsPort: number;
  controlUrl: string;
}

/** PEM files for the peer's ADS over mutual TLS: its server certificate and the CA client certificates chain to. */
export interface PeerTls {
  certFile: string;
  keyFile: string;
  clientCaFile: string;
}

/**
 * The peer exits when its stdin closes, so it cannot outlive this process. With `guardedDb`, it keeps
 * meshwright's guarantees (guarded.go): SigV4 by the benchmark's admin key, validation, a SQLite commit.
 */
export async function startPeer(bin: string, resourcesFile: string, nodeId: string, tls?: PeerTls, guardedDb?: string): Promise<Peer> {
  const tlsFlags = tls ? ['-tls-cert', tls.certFile, '-tls-key', tls.keyFile, '-client-ca', tls.clientCaFile] : [];
  const dbFlags = guardedDb ? ['-db', guardedDb] : [];
  const env = { ...process.env, PEER_ACCESS_KEY_ID: TEST_ACCESS_KEY_ID, PEER_SECRET_ACCESS_KEY: TEST_SECRET_ACCESS_KEY };
  const child = spawn(bin, ['-resources', resourcesFile, '-node', nodeId, ...tlsFlags, ...dbFlags], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const m = await readyLine(child, /ready xds=(\d+) control=(\d+)/, 'go-control-plane peer');
  return { child, xdsPort: Number(m[1]), controlUrl: `http://127.0.0.1:${m[2]}` };
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.stdin?.end();
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** A port nobody listens on right now (the OS hands out a fresh one). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const address = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}
