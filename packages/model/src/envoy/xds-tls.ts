// The ADS bootstrap's xDS cluster over TLS: the proxy presents its own client certificate (inline, so
// the downloaded file is all Envoy needs) and accepts only a server certificate that chains to
// meshwright's CA and names the address it dialled, so another proxy's certificate cannot pose as the server.
import { names } from './names';
import type { JsonObject, JsonValue } from './json';

export interface XdsClientTls {
  /** PEM of the CA the xDS server's certificate chains to. */
  caPem: string;
  /** The proxy's client certificate and key, PEM. */
  certPem: string;
  keyPem: string;
  /** The host the bootstrap dials (XDS_HOST): an IP address is matched as an IP SAN, a name as a DNS SAN and sent as SNI. */
  serverHost: string;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isIpAddress = (host: string) => IPV4.test(host) || host.includes(':');

export function xdsClusterTransportSocket(tls: XdsClientTls): JsonObject {
  const ip = isIpAddress(tls.serverHost);
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext',
      ...(ip ? {} : { sni: tls.serverHost }),
      common_tls_context: {
        // gRPC over TLS is HTTP/2 negotiated by ALPN; the server refuses a connection without it.
        alpn_protocols: ['h2'],
        tls_certificates: [{ certificate_chain: { inline_string: tls.certPem }, private_key: { inline_string: tls.keyPem } }],
        validation_context: {
          trusted_ca: { inline_string: tls.caPem },
          match_typed_subject_alt_names: [{ san_type: ip ? 'IP_ADDRESS' : 'DNS', matcher: { exact: tls.serverHost } }],
        },
      },
    },
  };
}

/** A copy of an ADS bootstrap whose xDS cluster speaks TLS with the given credentials; other clusters are untouched. */
export function withXdsClientTls(bootstrap: JsonObject, tls: XdsClientTls): JsonObject {
  const statics = bootstrap.static_resources;
  if (!isObject(statics) || !Array.isArray(statics.clusters)) throw new Error('not an ADS bootstrap: it has no static xDS cluster');
  let found = false;
  const clusters = statics.clusters.map((c): JsonValue => {
    if (!isObject(c) || c.name !== names.xdsCluster) return c;
    found = true;
    return { ...c, transport_socket: xdsClusterTransportSocket(tls) };
  });
  if (!found) throw new Error(`not an ADS bootstrap: no cluster named ${names.xdsCluster}`);
  return { ...bootstrap, static_resources: { ...statics, clusters } };
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
