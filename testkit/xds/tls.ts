// Test support: xDS TLS as server.ts sets it up by default (meshwright's CA, a server certificate,
// recorded proxy certificates), and the gRPC credentials a proxy gets from its downloaded bootstrap.
// One CA per test process: making RSA keys costs, and tests only need it to be real, not new.
import * as grpc from '@grpc/grpc-js';
import Database from 'better-sqlite3';
import { withXdsClientTls, type JsonObject } from '@meshwright/model';
import type { XdsSecurity } from '../../apps/bff/src/xds/ads-server';
import { sqliteProxyCertificates, type ProxyCertificateStore } from '../../apps/bff/src/store/proxy-certificates';
import { CertificateAuthority } from '../../apps/bff/src/xds/tls/certificate-authority';
import { proxyFromNodeId } from '../../apps/bff/src/xds/tls/proxy-identity';
import { XdsCredentials, type ProxyCredentials } from '../../apps/bff/src/xds/tls/xds-credentials';
import { apiRequest, type ApiServer } from '../http';
import { bootstrapTls } from './bootstrap-tls';
import type { Credentials } from '../sign';

export interface TestXdsTls {
  credentials: XdsCredentials;
  security: XdsSecurity;
  /** Issues (and records) a client certificate for the proxy a node id names. */
  issue(nodeId: string): Promise<ProxyCredentials>;
  /** gRPC channel credentials with a newly issued certificate for the node id, as its Envoy would have. */
  channelFor(nodeId: string): Promise<grpc.ChannelCredentials>;
}

let sharedCa: Promise<CertificateAuthority> | undefined;
/** The test process's CA (made once). */
export const testCa = (): Promise<CertificateAuthority> => (sharedCa ??= CertificateAuthority.generate(new Date()));

/** TLS for an xDS server in a test; certificates go to the given store (a throwaway in-memory one by default). */
export async function testXdsTls(certificates?: ProxyCertificateStore, ca?: CertificateAuthority): Promise<TestXdsTls> {
  const store = certificates ?? sqliteProxyCertificates(new Database(':memory:'));
  const credentials = await XdsCredentials.create({ ca: ca ?? (await testCa()), certificates: store, serverNames: ['127.0.0.1'] });
  const issue = async (nodeId: string) => {
    const proxy = proxyFromNodeId(nodeId);
    if (!proxy) throw new Error(`${nodeId} names no proxy`);
    return credentials.issueProxy(proxy);
  };
  return {
    credentials,
    security: { credentials },
    issue,
    channelFor: async (nodeId) => channelCredentials(await issue(nodeId)),
  };
}

export function channelCredentials(c: { caPem: string; certPem?: string; keyPem?: string }): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(Buffer.from(c.caPem), c.keyPem ? Buffer.from(c.keyPem) : null, c.certPem ? Buffer.from(c.certPem) : null);
}

/** A bootstrap compiled without credentials, given this proxy's TLS as the download endpoint gives it. */
export function withTestClientTls(bootstrap: JsonObject, c: ProxyCredentials, serverHost = '127.0.0.1'): JsonObject {
  return withXdsClientTls(bootstrap, { caPem: c.caPem, certPem: c.certPem, keyPem: c.keyPem, serverHost });
}

/** The client TLS a downloaded ADS bootstrap carries on its xDS cluster (`path` is the proxy's, e.g. `virtualGateways/ingress`). */
export async function downloadedTls(server: ApiServer, meshName: string, path: string, signAs?: Credentials): Promise<ProxyCredentials> {
  const res = await apiRequest(server, `/api/meshes/${meshName}/${path}/envoy-config?mode=ads&format=yaml`, signAs ? { signAs } : {});
  if (res.status !== 200) throw new Error(`envoy-config answered ${res.status}: ${await res.text()}`);
  return bootstrapTls(await res.text());
}
