// Test support: network namespaces joined by a veth pair, cleaned up even when the test fails.
// Needs root (ip netns, iptables); tests that use it fail, never skip, when it is missing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

export interface Namespace {
  name: string;
  /** Runs a command inside the namespace and returns its stdout (throws with stderr on failure). */
  run: (cmd: string, args: string[], input?: string) => string;
  /** Starts a long-running process inside the namespace; killed by the pair's cleanup. */
  start: (cmd: string, args: string[], logFile?: number) => ChildProcess;
}

export interface NamespacePair {
  a: Namespace;
  b: Namespace;
  cleanup: () => void;
}

const sh = (cmd: string, args: string[], input?: string) =>
  execFileSync(cmd, args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'] });

export function requireRoot(): void {
  if (process.getuid?.() !== 0) throw new Error('the redirection proof needs root (ip netns, iptables): run the test as root');
  try {
    sh('iptables', ['-V']);
  } catch {
    throw new Error('iptables is not installed: apt-get install -y iptables');
  }
}

/**
 * Two namespaces `a` and `b` (named after `tag`, a letter or two, and this process), veth between them; `a` gets `aAddress`, `b` every address in `bAddresses`
 * (one /24). `hosts` becomes /etc/hosts for processes in `a` (ip netns exec bind-mounts /etc/netns/NAME/hosts).
 */
export function namespacePair(tag: string, aAddress: string, bAddresses: string[], hosts: string): NamespacePair {
  // The whole pid: helpers share the machine, and a test run must never delete another run's namespaces.
  const id = `${tag}${process.pid}`;
  const a = `mw-${id}-a`;
  const b = `mw-${id}-b`;
  const children: ChildProcess[] = [];
  const cleanup = () => {
    for (const c of children) if (c.exitCode === null && c.pid !== undefined) c.kill('SIGKILL');
    for (const n of [a, b]) {
      try {
        sh('ip', ['netns', 'del', n]);
      } catch {
        // not created or already gone
      }
    }
    rmSync(`/etc/netns/${a}`, { recursive: true, force: true });
  };
  const ns = (name: string): Namespace => ({
    name,
    run: (cmd, args, input) => sh('ip', ['netns', 'exec', name, cmd, ...args], input),
    start: (cmd, args, logFile) => {
      const child = spawn('ip', ['netns', 'exec', name, cmd, ...args], { stdio: ['ignore', logFile ?? 'ignore', logFile ?? 'ignore'] });
      children.push(child);
      return child;
    },
  });
  cleanup();
  process.once('exit', cleanup);
  try {
    sh('ip', ['netns', 'add', a]);
    sh('ip', ['netns', 'add', b]);
    const [va, vb] = [`mw${id}a`, `mw${id}b`];
    sh('ip', ['link', 'add', va, 'netns', a, 'type', 'veth', 'peer', 'name', vb, 'netns', b]);
    for (const [n, v, addrs] of [[a, va, [aAddress]], [b, vb, bAddresses]] as const) {
      sh('ip', ['-n', n, 'link', 'set', 'lo', 'up']);
      for (const addr of addrs) sh('ip', ['-n', n, 'addr', 'add', `${addr}/24`, 'dev', v]);
      sh('ip', ['-n', n, 'link', 'set', v, 'up']);
    }
    mkdirSync(`/etc/netns/${a}`, { recursive: true });
    writeFileSync(`/etc/netns/${a}/hosts`, hosts);
  } catch (e) {
    cleanup();
    throw e;
  }
  return { a: ns(a), b: ns(b), cleanup };
}
