// TLS from files on the proxy's file system. ACM and SDS sources cannot be compiled into a config
// Envoy can use on its own, so they are reported, and compile fails closed: it never downgrades a
// TLS listener or backend to plain text.
import type { ClientPolicy, ListenerTls } from '../virtual-node/tls';
import type { PortProtocol } from '../common/primitives';
import { compact, type JsonObject } from './json';

const TLS_SOCKET = 'envoy.transport_sockets.tls';
const DOWNSTREAM = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext';
const UPSTREAM = 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext';

export type TlsResult = { socket: JsonObject } | { problem: string; path: string };

type SanList = { match: { exact: string[] } } | undefined;

/** App Mesh SAN names may be DNS names or SPIFFE URIs; either kind matches. */
function sanMatchers(san: SanList): JsonObject[] | undefined {
  if (!san) return undefined;
  return san.match.exact.flatMap((exact) => [
    { san_type: 'DNS', matcher: { exact } },
    { san_type: 'URI', matcher: { exact } },
  ]);
}

const alpn = (protocol: PortProtocol) => (protocol === 'http2' || protocol === 'grpc' ? ['h2'] : protocol === 'http' ? ['http/1.1'] : undefined);

/** The transport socket that terminates TLS on an ingress filter chain. */
export function downstreamTls(tls: ListenerTls, protocol: PortProtocol): TlsResult {
  const file = tls.certificate.file;
  if (!file) {
    const source = tls.certificate.acm ? 'an ACM certificate' : 'an SDS secret';
    return { problem: `${source} cannot be used by Envoy without App Mesh's agent; use a file certificate`, path: 'tls.certificate' };
  }
  let validation: JsonObject | undefined;
  if (tls.validation) {
    const trust = tls.validation.trust.file;
    if (!trust) return { problem: 'client certificates can only be validated against a file trust chain', path: 'tls.validation.trust' };
    validation = compact({
      trusted_ca: { filename: trust.certificateChain },
      match_typed_subject_alt_names: sanMatchers(tls.validation.subjectAlternativeNames),
    });
  }
  return {
    socket: {
      name: TLS_SOCKET,
      typed_config: {
        '@type': DOWNSTREAM,
        ...compact({
          common_tls_context: compact({
            tls_certificates: [{ certificate_chain: { filename: file.certificateChain }, private_key: { filename: file.privateKey } }],
            validation_context: validation,
            alpn_protocols: protocol === 'tcp' ? undefined : protocol === 'http' ? ['http/1.1'] : ['h2', 'http/1.1'],
          }),
          require_client_certificate: validation ? true : undefined,
        }),
      },
    },
  };
}

/**
 * The transport socket that originates TLS to a target, or undefined when the client policy does
 * not ask for TLS on this port.
 */
export function upstreamTls(policy: ClientPolicy | undefined, port: number, sni: string, protocol: PortProtocol): TlsResult | undefined {
  const tls = policy?.tls;
  if (!tls || tls.enforce === false) return undefined;
  if (tls.ports && !tls.ports.includes(port)) return undefined;
  const trust = tls.validation.trust.file;
  if (!trust) {
    const source = tls.validation.trust.acm ? 'ACM certificate authorities' : 'an SDS trust bundle';
    return { problem: `${source} cannot be used by Envoy without App Mesh's agent; use a file trust chain`, path: 'tls.validation.trust' };
  }
  const cert = tls.certificate;
  if (cert && !cert.file) return { problem: 'an SDS client certificate cannot be compiled; use a file certificate', path: 'tls.certificate' };
  return {
    socket: {
      name: TLS_SOCKET,
      typed_config: {
        '@type': UPSTREAM,
        // SNI names a host; an IP address is not one.
        ...(/^[0-9.]+$|:/.test(sni) ? {} : { sni }),
        common_tls_context: compact({
          tls_certificates: cert?.file ? [{ certificate_chain: { filename: cert.file.certificateChain }, private_key: { filename: cert.file.privateKey } }] : undefined,
          validation_context: compact({
            trusted_ca: { filename: trust.certificateChain },
            match_typed_subject_alt_names: sanMatchers(tls.validation.subjectAlternativeNames),
          }),
          alpn_protocols: alpn(protocol),
        }),
      },
    },
  };
}
