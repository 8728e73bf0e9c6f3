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

/**
 * The bootstrap carries the proxy's xDS client key (ADR 007), so it never sits in a ConfigMap or a task
 * definition: a Secret readable by Envoy's group only, with the pod's fsGroup set to the Envoy GID.
 */
export function bootstrapSecret(name: string, labels: Record<string, string>, bootstrapYaml: string): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, labels }, stringData: { [BOOTSTRAP_FILE]: bootstrapYaml } };
}

/** The Secret's volume: 0440, group-owned by the pod's fsGroup (the Envoy GID), so only Envoy reads it. */
export const secretVolume = (volume: string, secretName: string): Record<string, unknown> =>
  ({ name: volume, secret: { secretName, defaultMode: 0o440 } });
