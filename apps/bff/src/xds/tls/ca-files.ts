// Where the xDS CA lives: the files XDS_CA_CERT and XDS_CA_KEY name (several replicas share one CA),
// else DATA_DIR/ca.crt and DATA_DIR/ca.key, created at first start (the key readable by its owner only).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CertificateAuthority } from './certificate-authority';

export interface CaLocation {
  dataDir: string;
  /** XDS_CA_CERT: a PEM file; must come with keyFile. */
  certFile?: string | undefined;
  /** XDS_CA_KEY: the CA's private key, PEM (PKCS#8 or PKCS#1 RSA). */
  keyFile?: string | undefined;
}

export interface LoadedCa {
  ca: CertificateAuthority;
  certFile: string;
  keyFile: string;
  /** True when this start made the CA. */
  created: boolean;
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the xDS CA ${what} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function fromFiles(certFile: string, keyFile: string): CertificateAuthority {
  const certPem = read(certFile, 'certificate');
  const keyPem = read(keyFile, 'key');
  try {
    return CertificateAuthority.fromPem(certPem, keyPem);
  } catch (e) {
    throw new Error(`the xDS CA in ${certFile} and ${keyFile} cannot be used: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function loadOrCreateCa(location: CaLocation, now: Date): Promise<LoadedCa> {
  const { certFile, keyFile } = location;
  if (certFile || keyFile) {
    if (!certFile || !keyFile) throw new Error('set both XDS_CA_CERT and XDS_CA_KEY (or neither, to use DATA_DIR/ca.crt and ca.key)');
    return { ca: fromFiles(certFile, keyFile), certFile, keyFile, created: false };
  }
  const dataCert = join(location.dataDir, 'ca.crt');
  const dataKey = join(location.dataDir, 'ca.key');
  const haveCert = existsSync(dataCert);
  if (haveCert !== existsSync(dataKey)) {
    throw new Error(`${haveCert ? dataKey : dataCert} is missing beside ${haveCert ? dataCert : dataKey}: restore it, or remove both to make a new CA (every issued proxy certificate then stops working)`);
  }
  if (haveCert) return { ca: fromFiles(dataCert, dataKey), certFile: dataCert, keyFile: dataKey, created: false };
  const ca = await CertificateAuthority.generate(now);
  mkdirSync(location.dataDir, { recursive: true });
  // 'wx': a second process starting at the same moment fails here instead of overwriting the first CA.
  writeFileSync(dataKey, ca.keyPem, { mode: 0o600, flag: 'wx' });
  writeFileSync(dataCert, ca.certPem, { mode: 0o644, flag: 'wx' });
  return { ca, certFile: dataCert, keyFile: dataKey, created: true };
}
