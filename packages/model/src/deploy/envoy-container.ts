// What every container target says about Envoy: its readiness check and command line.
import type { DeployFacts } from './options';

/**
 * A /ready check that needs no curl (the envoyproxy image has bash, not curl): bash's /dev/tcp
 * sends the request to the admin port, which listens on 127.0.0.1 only. HTTP/1.1, because Envoy
 * refuses HTTP/1.0 by default; bash, not sh, because /dev/tcp is a bash feature.
 */
export function readyCheck(f: Pick<DeployFacts, 'adminPort'>): string[] {
  return ['bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${f.adminPort} && printf 'GET /ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && grep -q LIVE <&3`];
}

export const BOOTSTRAP_FILE = 'envoy.yaml';

/** Envoy's arguments with the bootstrap at `path`; the service cluster/node come from the bootstrap. */
export function envoyArgs(path: string): string[] {
  return ['-c', path, '--log-level', 'info'];
}
