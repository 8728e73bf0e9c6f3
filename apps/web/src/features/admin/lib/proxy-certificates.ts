// Proxy certificates as the console shows them: which proxy a certificate names (from its proxy id,
// which is also the Envoy node id), whether it still works, and the audit query of its revocation.
import { auditQueryString } from './audit-filters';

/** One certificate of GET /api/proxy-certificates (the BFF contract's proxyCertificateSchema). */
export interface ProxyCertificate {
  /** Upper-case hex. */
  serial: string;
  meshName: string;
  /** `mesh/<mesh>/virtualNode/<node>` or `mesh/<mesh>/virtualGateway/<gateway>`: the Envoy node id. */
  proxyId: string;
  /** ISO 8601. */
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export type ProxyKind = 'virtual node' | 'virtual gateway';

export interface CertifiedProxy {
  kind: ProxyKind;
  name: string;
}

const kinds: Record<string, ProxyKind> = { virtualNode: 'virtual node', virtualGateway: 'virtual gateway' };

/** The proxy a proxy id names; undefined for a shape this console does not know (shown as the raw id). */
export function proxyOf(proxyId: string): CertifiedProxy | undefined {
  const match = /^mesh\/[^/]+\/(virtualNode|virtualGateway)\/([^/]+)$/.exec(proxyId);
  const kind = match?.[1] && kinds[match[1]];
  return kind && match[2] ? { kind, name: match[2] } : undefined;
}

/** "virtual node web" — how the page and its dialog name the proxy. */
export function describeProxy(c: Pick<ProxyCertificate, 'proxyId'>): string {
  const proxy = proxyOf(c.proxyId);
  return proxy ? `${proxy.kind} ${proxy.name}` : `proxy ${c.proxyId}`;
}

/** Revoked wins over expired: a revoked certificate stays revoked, whatever its dates. */
export function certificateState(c: Pick<ProxyCertificate, 'expiresAt' | 'revokedAt'>, now: number): 'revoked' | 'expired' | 'valid' {
  if (c.revokedAt !== null) return 'revoked';
  return Date.parse(c.expiresAt) <= now ? 'expired' : 'valid';
}

/** The audit log page filtered to revocations in the certificate's mesh (the audit filters have no serial). */
export const revocationAuditPath = (c: Pick<ProxyCertificate, 'meshName'>): string =>
  `/admin/audit${auditQueryString({ operation: 'console:RevokeProxyCertificate', mesh: c.meshName })}`;

/** `?mesh=..` for GET /api/proxy-certificates; '' for every mesh. */
export const certificatesQueryString = (mesh: string | undefined): string => (mesh ? `?${new URLSearchParams({ mesh }).toString()}` : '');
