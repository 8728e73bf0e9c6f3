// Test support: the client TLS a downloaded ADS bootstrap carries on its xDS cluster (certificate, key,
// CA and the certificate's serial), read from the YAML text as Envoy would. No server code imported, so
// the Playwright specs can use it too.
import { X509Certificate } from 'node:crypto';
import { parse } from 'yaml';

export interface BootstrapTls {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Upper-case hex, as the server records it. */
  serial: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

interface DownloadedSocket {
  typed_config: {
    common_tls_context: {
      tls_certificates: { certificate_chain: { inline_string: string }; private_key: { inline_string: string } }[];
      validation_context: { trusted_ca: { inline_string: string } };
    };
  };
}

export function bootstrapTls(yamlText: string): BootstrapTls {
  const bootstrap = parse(yamlText) as { static_resources: { clusters: { name: string; transport_socket?: DownloadedSocket }[] } };
  const ctx = bootstrap.static_resources.clusters.find((c) => c.name === 'xds_cluster')?.transport_socket?.typed_config.common_tls_context;
  const pair = ctx?.tls_certificates[0];
  if (!ctx || !pair) throw new Error('the ADS bootstrap has no TLS client certificate on its xDS cluster');
  const certPem = pair.certificate_chain.inline_string;
  const cert = new X509Certificate(certPem);
  return { caPem: ctx.validation_context.trusted_ca.inline_string, certPem, keyPem: pair.private_key.inline_string, serial: cert.serialNumber, expiresAt: Date.parse(cert.validTo) };
}
