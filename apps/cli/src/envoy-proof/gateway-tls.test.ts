// TLS on a virtual gateway's listener, on a real gateway Envoy: clients that trust the mesh CA get
// through to the service behind it; others, and plain text, do not. And TLS from the gateway on to a
// backend, from its backend defaults.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, describe, test } from 'node:test';
import { makeCerts, type TestCerts } from '../../../../testkit/certs';
import { grpcGatewayMesh, tlsGatewayMesh } from '../../../../testkit/gateway-protocol-meshes';
import { grpcCall, grpcStatus, grpcUpstream, type GrpcUpstream } from '../../../../testkit/grpc';
import { freePort } from '../../../../testkit/ports';
import { runGateway, type GatewayRun } from '../../../../testkit/gateway-proxy';
import { closeClientConnections, echoUpstream, viaEgress, viaHttps, type Echo, type Reply, type Upstream } from '../../../../testkit/upstreams';

const GATEWAY_NAME = 'gateway.mw.test';
const SECURE_NAME = 'secure.mw.test';

/** An HTTPS GET to the gateway for GATEWAY_NAME; `ca` is what the client trusts (the system's roots when absent). */
function httpsGet(port: number, path: string, ca?: Buffer): Promise<Reply> {
  return viaHttps(port, path, { servername: GATEWAY_NAME, headers: { host: GATEWAY_NAME }, ...(ca ? { ca } : {}) });
}

describe('TLS on the gateway listener', () => {
  let certs: TestCerts;
  let book: Upstream;
  let gateway: GatewayRun;
  let secure: ReturnType<typeof createHttpsServer>;
  let port: number;

  before(async () => {
    certs = makeCerts([GATEWAY_NAME, SECURE_NAME]);
    book = await echoUpstream('book');
    // The backend only talks to clients with a certificate from the mesh CA.
    secure = createHttpsServer(
      { key: readFileSync(certs.serverKey), cert: readFileSync(certs.serverCert), ca: readFileSync(certs.caCert), requestCert: true, rejectUnauthorized: true },
      (req, res) => res.end(`secure ${req.url ?? ''}, client ${(req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? '?'}`),
    );
    secure.listen(0, '127.0.0.1');
    await once(secure, 'listening');
    const securePort = (secure.address() as AddressInfo).port;
    port = await freePort();
    gateway = await runGateway(tlsGatewayMesh({ upstream: { book: book.port, secure: securePort }, gateway: [port] }, certs, SECURE_NAME), 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    await book?.close();
    secure?.closeAllConnections();
    secure?.close();
  });

  test('a client that trusts the CA gets through to the service, rewritten as usual', async () => {
    const reply = await httpsGet(port, '/chapter/1', readFileSync(certs.caCert));
    assert.equal(reply.status, 200, reply.body);
    const echo = JSON.parse(reply.body) as Echo;
    assert.deepEqual([echo.upstream, echo.path, echo.host], ['book', '/chapter/1', 'book.gate.local']);
  });

  test('a client that does not trust the CA refuses the gateway certificate', async () => {
    await assert.rejects(httpsGet(port, '/'), /self-signed|unable to verify|certificate/i);
  });

  test("the backend defaults' client policy takes the request on to a backend over mutual TLS", async () => {
    const reply = await httpsGet(port, '/secure/vault', readFileSync(certs.caCert));
    assert.equal(reply.status, 200, reply.body);
    assert.equal(reply.body, 'secure /vault, client client');
  });

  test('plain text is not served on a TLS listener', async () => {
    const before = book.hits.length;
    await assert.rejects(viaEgress(port, GATEWAY_NAME, '/plain'));
    assert.equal(book.hits.length, before);
  });
});

describe('gRPC over TLS to the gateway', () => {
  let certs: TestCerts;
  let adder: GrpcUpstream;
  let lister: GrpcUpstream;
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    certs = makeCerts([GATEWAY_NAME]);
    adder = await grpcUpstream('cart-adder');
    lister = await grpcUpstream('cart-lister');
    port = await freePort();
    gateway = await runGateway(grpcGatewayMesh({ upstream: { 'cart-adder': adder.port, 'cart-lister': lister.port }, gateway: [port] }, certs), 'edge');
  });

  after(async () => {
    await gateway?.envoy.stop();
    await adder?.close();
    await lister?.close();
  });

  test('a grpc-js client that trusts the CA makes its calls over TLS (ALPN h2)', async () => {
    const outcome = await grpcCall(port, 'shop.Cart', 'Add', 'secret', { ca: readFileSync(certs.caCert), authority: GATEWAY_NAME });
    assert.deepEqual(outcome.ok ? outcome.answer : `${grpcStatus[outcome.code]}: ${outcome.details}`, { server: 'cart-adder', method: '/shop.Cart/Add', text: 'secret' });
  });

  test('a plain-text gRPC client gets no answer from the TLS listener', async () => {
    const before = adder.calls.length;
    const outcome = await grpcCall(port, 'shop.Cart', 'Add', 'plain');
    assert.equal(outcome.ok ? 'answered' : grpcStatus[outcome.code], 'UNAVAILABLE');
    assert.equal(adder.calls.length, before);
  });
});
