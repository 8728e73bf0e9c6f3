// meshwright's own certificate authority for xDS: it signs the xDS server's certificate and one client
// certificate per downloaded ADS bootstrap. RSA 2048 and SHA-256 (node-forge writes X.509 for RSA keys
// only; node:crypto makes the keys). Nothing here reads files or the clock: callers pass both in.
import { generateKeyPair, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

const { pki } = forge;
const newRsaKey = promisify(generateKeyPair);

export interface IssuedCertificate {
  /** Upper-case hex, as Node's TLS reports a peer's serialNumber. */
  serial: string;
  certPem: string;
  keyPem: string;
  notAfter: Date;
}

export interface LeafRequest {
  commonName: string;
  usage: 'server' | 'client';
  dns?: readonly string[];
  ips?: readonly string[];
  uris?: readonly string[];
  notBefore: Date;
  notAfter: Date;
}

/** 16 random bytes, first one in 0x10-0x7f: positive and without a leading zero, so every printer agrees. */
export function newSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x6f) | 0x10;
  return bytes.toString('hex').toUpperCase();
}

async function rsaKeyPair(): Promise<{ publicPem: string; privatePem: string }> {
  const { publicKey, privateKey } = await newRsaKey('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return { publicPem: publicKey, privatePem: privateKey };
}

export class CertificateAuthority {
  private constructor(
    readonly certPem: string,
    readonly keyPem: string,
    private readonly cert: forge.pki.Certificate,
    private readonly key: forge.pki.rsa.PrivateKey,
  ) {}

  /** A new self-signed CA, valid `years` from `now` (backdated an hour for clock skew). */
  static async generate(now: Date, years = 10): Promise<CertificateAuthority> {
    const { publicPem, privatePem } = await rsaKeyPair();
    const cert = pki.createCertificate();
    cert.publicKey = pki.publicKeyFromPem(publicPem);
    cert.serialNumber = newSerial();
    cert.validity.notBefore = new Date(now.getTime() - 3_600_000);
    cert.validity.notAfter = new Date(now.getTime() + years * 365 * 86_400_000);
    const name = [{ name: 'commonName', value: 'meshwright xDS CA' }, { name: 'organizationName', value: 'meshwright' }];
    cert.setSubject(name);
    cert.setIssuer(name);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    const key = pki.privateKeyFromPem(privatePem);
    cert.sign(key, forge.md.sha256.create());
    return new CertificateAuthority(pki.certificateToPem(cert), privatePem, cert, key);
  }

  /** An existing CA (XDS_CA_CERT/XDS_CA_KEY or DATA_DIR); refuses a non-CA or a key of another certificate. */
  static fromPem(certPem: string, keyPem: string): CertificateAuthority {
    const cert = pki.certificateFromPem(certPem);
    const key = pki.privateKeyFromPem(keyPem);
    const constraints = cert.getExtension('basicConstraints') as { cA?: boolean } | undefined;
    if (!constraints?.cA) throw new Error('the CA certificate is not a CA (basicConstraints CA:TRUE is missing)');
    const publicKey = cert.publicKey as forge.pki.rsa.PublicKey;
    if (publicKey.n.compareTo(key.n) !== 0) throw new Error('the CA key does not belong to the CA certificate');
    return new CertificateAuthority(certPem, keyPem, cert, key);
  }

  /** A certificate and fresh key signed by this CA, for the xDS server or one proxy. */
  async issue(req: LeafRequest): Promise<IssuedCertificate> {
    const { publicPem, privatePem } = await rsaKeyPair();
    const cert = pki.createCertificate();
    cert.publicKey = pki.publicKeyFromPem(publicPem);
    cert.serialNumber = newSerial();
    cert.validity.notBefore = req.notBefore;
    cert.validity.notAfter = req.notAfter;
    cert.setSubject([{ name: 'commonName', value: req.commonName.slice(0, 64) }, { name: 'organizationName', value: 'meshwright' }]);
    cert.setIssuer(this.cert.subject.attributes);
    const altNames = [
      ...(req.dns ?? []).map((value) => ({ type: 2, value })),
      ...(req.ips ?? []).map((ip) => ({ type: 7, ip })),
      ...(req.uris ?? []).map((value) => ({ type: 6, value })),
    ];
    cert.setExtensions([
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: req.usage === 'server', clientAuth: req.usage === 'client' },
      { name: 'subjectAltName', altNames, critical: req.commonName === '' },
      { name: 'subjectKeyIdentifier' },
      { name: 'authorityKeyIdentifier', keyIdentifier: this.cert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    cert.sign(this.key, forge.md.sha256.create());
    return { serial: cert.serialNumber.toUpperCase(), certPem: pki.certificateToPem(cert), keyPem: privatePem, notAfter: req.notAfter };
  }
}
