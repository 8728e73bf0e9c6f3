// server.ts's xDS security settings: TLS with meshwright's CA unless XDS_INSECURE=1 says plaintext.
//   XDS_INSECURE=1     plaintext xDS, no proxy identity (a warning at start)
//   XDS_CA_CERT/_KEY   the CA's files (both or neither); else DATA_DIR/ca.crt and ca.key, made at first start
//   XDS_CERT_HOSTS     extra names/IPs for the xDS server certificate, besides XDS_HOST and loopback
import type { ProxyCertificateStore } from '../../store/proxy-certificates';
import type { XdsSecurity } from '../ads-server';
import { loadOrCreateCa } from './ca-files';
import { XdsCredentials } from './xds-credentials';

export interface XdsSecuritySetup {
  security: XdsSecurity;
  credentials?: XdsCredentials;
  /** One line for the start banner or the warning. */
  summary: string;
}

export async function xdsSecurityFromEnv(
  env: Record<string, string | undefined>,
  where: { dataDir: string; xdsHost: string; certificates: ProxyCertificateStore },
): Promise<XdsSecuritySetup> {
  const insecure = env.XDS_INSECURE ?? '';
  if (!['', '0', '1', 'true', 'false'].includes(insecure)) throw new Error(`XDS_INSECURE=${insecure}: use 1 for plaintext xDS, or leave it unset`);
  if (insecure === '1' || insecure === 'true') {
    return {
      security: { insecure: true },
      summary: 'WARNING: XDS_INSECURE=1: xDS is plaintext and unauthenticated; any client that reaches the xDS port can fetch any proxy\'s config and NACK into its sync status',
    };
  }
  const { ca, certFile, created } = await loadOrCreateCa({ dataDir: where.dataDir, certFile: env.XDS_CA_CERT, keyFile: env.XDS_CA_KEY }, new Date());
  const extra = (env.XDS_CERT_HOSTS ?? '').split(',').map((h) => h.trim()).filter((h) => h !== '');
  const credentials = await XdsCredentials.create({ ca, certificates: where.certificates, serverNames: [where.xdsHost, ...extra] });
  return { security: { credentials }, credentials, summary: `xDS over TLS with client certificates, CA ${certFile}${created ? ' (created now)' : ''}` };
}
