// TLS on a real Envoy: origination to a backend (mutual, with SAN checks) and termination on the
// ingress listener, STRICT and PERMISSIVE.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import type { MeshModel } from '@meshwright/model';
import { makeCerts, type TestCerts } from '../../../../testkit/certs';
import { runProxy, type ProxyRun } from '../../../../testkit/static-proxy';
import { closeClientConnections, httpUpstream, viaEgress, viaHttps, type Reply, type Upstream } from '../../../../testkit/upstreams';

function vaultMesh(certs: TestCerts, ports: { app: number; locked: number; secure: number }): MeshModel {
  const serverCert = { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } };
  const trust = { file: { certificateChain: certs.caCert } };
  const clientPolicy = (san: string) => ({
    tls: {
      certificate: { file: { certificateChain: certs.clientCert, privateKey: certs.clientKey } },
      validation: { trust, subjectAlternativeNames: { match: { exact: [san] } } },
    },
  });
  const plainNode = (name: string, port: number) => ({
    virtualNodeName: name,
    spec: { serviceDiscovery: { dns: { hostname: '127.0.0.1' } }, listeners: [{ portMapping: { port, protocol: 'http' as const } }] },
  });
  return {
    mesh: { meshName: 'vault', spec: {} },
    virtualNodes: [
      {
        virtualNodeName: 'app',
        spec: {
          serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
          listeners: [{ portMapping: { port: ports.app, protocol: 'http' }, tls: { mode: 'PERMISSIVE', certificate: serverCert } }],
          backends: [
            { virtualService: { virtualServiceName: 'secure.vault.local', clientPolicy: clientPolicy('secure.mw.test') } },
            { virtualService: { virtualServiceName: 'impostor.vault.local', clientPolicy: clientPolicy('someone-else.mw.test') } },
          ],
        },
      },
      {
        virtualNodeName: 'locked',
        spec: {
          serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
          listeners: [
            {
              portMapping: { port: ports.locked, protocol: 'http' },
              tls: { mode: 'STRICT', certificate: serverCert, validation: { trust, subjectAlternativeNames: { match: { exact: ['client.mw.test'] } } } },
            },
          ],
        },
      },
      plainNode('secure', ports.secure),
      plainNode('impostor', ports.secure),
    ],
    virtualRouters: [],
    routes: [],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'secure.vault.local', spec: { provider: { virtualNode: { virtualNodeName: 'secure' } } } },
      { virtualServiceName: 'impostor.vault.local', spec: { provider: { virtualNode: { virtualNodeName: 'impostor' } } } },
    ],
  };
}

/** An HTTPS request straight to a port; `client` adds the client certificate. */
function httpsGet(port: number, certs: TestCerts, client: boolean): Promise<Reply> {
  const extra = client ? { cert: readFileSync(certs.clientCert), key: readFileSync(certs.clientKey) } : {};
  return viaHttps(port, '/over-tls', { ca: readFileSync(certs.caCert), ...extra });
}

describe('TLS from file certificates', () => {
  let certs: TestCerts;
  let secure: ReturnType<typeof createHttpsServer>;
  let securePort: number;
  let app: Upstream;
  let locked: Upstream;
  let appProxy: ProxyRun;
  let lockedProxy: ProxyRun;

  before(async () => {
    certs = makeCerts(['secure.mw.test']);
    // The backend only talks to clients with a certificate from the mesh CA.
    secure = createHttpsServer(
      { key: readFileSync(certs.serverKey), cert: readFileSync(certs.serverCert), ca: readFileSync(certs.caCert), requestCert: true, rejectUnauthorized: true },
      (req, res) => res.end(`secure, client ${(req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '?'}`),
    );
    secure.listen(0, '127.0.0.1');
    await once(secure, 'listening');
    securePort = (secure.address() as AddressInfo).port;
    app = await httpUpstream('app');
    locked = await httpUpstream('locked');
    const model = vaultMesh(certs, { app: app.port, locked: locked.port, secure: securePort });
    appProxy = await runProxy(model, 'app');
    lockedProxy = await runProxy(model, 'locked');
  });

  after(async () => {
    closeClientConnections();
    await appProxy?.envoy.stop();
    await lockedProxy?.envoy.stop();
    await app?.close();
    await locked?.close();
    secure?.closeAllConnections();
    secure?.close();
  });

  test('a backend with a client policy is reached over mutual TLS', async () => {
    const reply = await viaEgress(appProxy.ports.egress, 'secure.vault.local', '/');
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'secure, client client');
  });

  test('a server certificate without the required SAN is refused', async () => {
    const reply = await viaEgress(appProxy.ports.egress, 'impostor.vault.local', '/');
    assert.equal(reply.status, 503);
  });

  test('a PERMISSIVE listener accepts TLS and plain text', async () => {
    assert.equal((await httpsGet(appProxy.ports.ingress, certs, false)).body, 'app');
    assert.equal((await viaEgress(appProxy.ports.ingress, 'app', '/plain')).body, 'app');
  });

  test('a STRICT listener with validation needs a client certificate from the trusted CA', async () => {
    assert.equal((await httpsGet(lockedProxy.ports.ingress, certs, true)).body, 'locked');
    await assert.rejects(httpsGet(lockedProxy.ports.ingress, certs, false));
    await assert.rejects(viaEgress(lockedProxy.ports.ingress, 'locked', '/plain'));
  });
});
