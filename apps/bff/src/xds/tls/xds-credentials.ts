// Who may stream xDS: the server's certificate, one client certificate per downloaded ADS bootstrap
// (recorded by serial), revocation, and the check each new stream passes before it gets any config
// (docs/adr/007-xds-client-certificates.md).
import { EventEmitter } from 'node:events';
import { isIP } from 'node:net';
import type { PeerCertificate } from 'node:tls';
import type { ProxyCertificateRecord, ProxyCertificateStore } from '../../store/proxy-certificates';
import type { CertificateAuthority } from './certificate-authority';
import { proxyFromNodeId, proxyFromSpiffeUri, proxyPath, sameProxy, spiffeUri, uriSans, type ProxyRef } from './proxy-identity';

const DAY = 86_400_000;
/** Certificates are valid from a little before they are made: the proxy's clock may be behind ours. */
const BACKDATE = 3_600_000;

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
}

export interface ProxyCredentials extends TlsMaterial {
  serial: string;
  expiresAt: number;
}

export type Admission = { ok: true; serial: string } | { ok: false; message: string };

export interface XdsCredentialsOptions {
  ca: CertificateAuthority;
  certificates: ProxyCertificateStore;
  /** Names and addresses Envoys dial (XDS_HOST, XDS_CERT_HOSTS); loopback names are always added. */
  serverNames: readonly string[];
  now?: () => number;
  /** How long a proxy certificate is valid: 365 days unless told otherwise. */
  proxyLifetimeDays?: number;
}

export class XdsCredentials {
  /** `revoked` with the serial, after the store has it: the xDS server closes that certificate's streams. */
  readonly events = new EventEmitter<{ revoked: [serial: string] }>();
  private readonly now: () => number;

  private constructor(
    private readonly options: XdsCredentialsOptions,
    private readonly serverTls: TlsMaterial,
  ) {
    this.now = options.now ?? Date.now;
  }

  static async create(options: XdsCredentialsOptions): Promise<XdsCredentials> {
    const now = (options.now ?? Date.now)();
    const names = [...new Set([...options.serverNames, 'localhost', '127.0.0.1', '::1'])].filter((n) => n !== '' && n !== '0.0.0.0' && n !== '::');
    const server = await options.ca.issue({
      commonName: 'meshwright xDS server',
      usage: 'server',
      dns: names.filter((n) => isIP(n) === 0),
      ips: names.filter((n) => isIP(n) !== 0),
      notBefore: new Date(now - BACKDATE),
      notAfter: new Date(now + 397 * DAY),
    });
    return new XdsCredentials(options, { caPem: options.ca.certPem, certPem: server.certPem, keyPem: server.keyPem });
  }

  /** The xDS port's certificate, key and the CA client certificates must chain to. */
  server(): TlsMaterial {
    return this.serverTls;
  }

  get caPem(): string {
    return this.options.ca.certPem;
  }

  /** A new client certificate for one proxy, recorded before it is handed out. */
  async issueProxy(ref: ProxyRef): Promise<ProxyCredentials> {
    const now = this.now();
    const expiresAt = now + (this.options.proxyLifetimeDays ?? 365) * DAY;
    const id = proxyPath(ref);
    const issued = await this.options.ca.issue({
      commonName: id,
      usage: 'client',
      uris: [spiffeUri(ref)],
      notBefore: new Date(now - BACKDATE),
      notAfter: new Date(expiresAt),
    });
    await this.options.certificates.record({ serial: issued.serial, meshName: ref.meshName, proxyId: id, issuedAt: now, expiresAt, revokedAt: null });
    return { caPem: this.caPem, certPem: issued.certPem, keyPem: issued.keyPem, serial: issued.serial, expiresAt };
  }

  list(meshName?: string): Promise<ProxyCertificateRecord[]> {
    return this.options.certificates.list({ meshName });
  }

  async revoke(serial: string): Promise<ProxyCertificateRecord | undefined> {
    const record = await this.options.certificates.revoke(serial.toUpperCase(), this.now());
    if (record) this.events.emit('revoked', record.serial);
    return record;
  }

  /** Whether the stream's certificate may speak for the node id it claims; refused with the reason otherwise. */
  async admit(peer: PeerCertificate | undefined, nodeId: string): Promise<Admission> {
    if (!peer?.serialNumber) return { ok: false, message: 'no client certificate: download the ADS bootstrap again, it carries one' };
    const named = uriSans(peer.subjectaltname).map(proxyFromSpiffeUri).find((p) => p !== undefined);
    if (!named) return { ok: false, message: 'the client certificate names no meshwright proxy (no spiffe://meshwright/ URI)' };
    const claimed = proxyFromNodeId(nodeId);
    if (!claimed || !sameProxy(claimed, named)) {
      return { ok: false, message: `the client certificate is for ${proxyPath(named)}; it may not stream as node "${nodeId}"` };
    }
    const serial = peer.serialNumber.toUpperCase();
    const record = await this.options.certificates.get(serial);
    if (!record || record.proxyId !== proxyPath(named)) {
      return { ok: false, message: `client certificate ${serial} was not issued by this meshwright: download the ADS bootstrap again` };
    }
    if (record.revokedAt !== null) {
      return { ok: false, message: `client certificate ${serial} of ${record.proxyId} was revoked at ${new Date(record.revokedAt).toISOString()}` };
    }
    return { ok: true, serial };
  }

  /** Which of these serials are revoked now (for streams another replica's revoke must end). */
  async revokedAmong(serials: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const serial of serials) {
      const record = await this.options.certificates.get(serial);
      // A record that is gone counts as revoked: nothing vouches for that certificate any more.
      if (!record || record.revokedAt !== null) out.push(serial);
    }
    return out;
  }
}
