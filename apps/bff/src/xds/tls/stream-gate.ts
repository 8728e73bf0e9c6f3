// The door every ADS stream passes before it is tied to a node: with TLS, its client certificate must
// name the node it claims, be on record and not revoked; streams of a certificate revoked later are
// ended (at once on this replica, within `sweepMs` when another replica revoked it).
import type { PeerCertificate } from 'node:tls';
import type { XdsCredentials } from './xds-credentials';

export interface StreamGate {
  /** Undefined to let the stream in, else why it is refused. `end` closes it if it is revoked later. */
  admit(streamId: string, peer: () => PeerCertificate | undefined, nodeId: string, end: (message: string) => void): Promise<string | undefined>;
  /** The stream ended. */
  release(streamId: string): void;
  stop(): void;
}

/** XDS_INSECURE=1: every stream is let in. */
export const openGate: StreamGate = {
  admit: async () => undefined,
  release: () => undefined,
  stop: () => undefined,
};

export function certificateGate(credentials: XdsCredentials, sweepMs = 10_000): StreamGate {
  const open = new Map<string, { serial: string; end: (message: string) => void }>();
  const endRevoked = (serials: readonly string[]) => {
    const revoked = new Set(serials);
    for (const [id, s] of open) {
      if (!revoked.has(s.serial)) continue;
      open.delete(id);
      s.end(`client certificate ${s.serial} was revoked`);
    }
  };
  const onRevoked = (serial: string) => endRevoked([serial]);
  credentials.events.on('revoked', onRevoked);
  const sweep = setInterval(() => {
    const serials = [...new Set([...open.values()].map((s) => s.serial))];
    if (serials.length > 0) credentials.revokedAmong(serials).then(endRevoked, () => undefined);
  }, sweepMs);
  sweep.unref();
  return {
    async admit(streamId, peer, nodeId, end) {
      const admission = await credentials.admit(peer(), nodeId);
      if (!admission.ok) return admission.message;
      open.set(streamId, { serial: admission.serial, end });
      return undefined;
    },
    release: (streamId) => {
      open.delete(streamId);
    },
    stop: () => {
      clearInterval(sweep);
      credentials.events.off('revoked', onRevoked);
    },
  };
}
