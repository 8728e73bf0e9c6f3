// gRPC through a virtual gateway, with real calls: a grpc-js client dials the gateway Envoy, whose
// gateway routes send shop.Cart to a router that picks a grpc-js server by method, and shop.Admin
// (with the right metadata) to a node service.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { grpcGatewayMesh, mixedGatewayMesh } from '../../../../testkit/gateway-protocol-meshes';
import { grpcCall, grpcStatus, grpcUpstream, type GrpcOutcome, type GrpcUpstream } from '../../../../testkit/grpc';
import { freePort } from '../../../../testkit/ports';
import { runGateway, type GatewayRun } from '../../../../testkit/gateway-proxy';
import { closeClientConnections, echoOf, echoUpstream, viaEgress, type Upstream } from '../../../../testkit/upstreams';

const served = (o: GrpcOutcome) => (o.ok ? o.answer : `failed with ${grpcStatus[o.code]}: ${o.details}`);

describe('gRPC through a gateway to a router with method routes', () => {
  let adder: GrpcUpstream;
  let lister: GrpcUpstream;
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    adder = await grpcUpstream('cart-adder');
    lister = await grpcUpstream('cart-lister');
    port = await freePort();
    gateway = await runGateway(grpcGatewayMesh({ upstream: { 'cart-adder': adder.port, 'cart-lister': lister.port }, gateway: [port] }), 'edge');
  });

  after(async () => {
    await gateway?.envoy.stop();
    await adder?.close();
    await lister?.close();
  });

  test('each method reaches the server its router route names', async () => {
    assert.deepEqual(served(await grpcCall(port, 'shop.Cart', 'Add', 'apple')), { server: 'cart-adder', method: '/shop.Cart/Add', text: 'apple' });
    assert.deepEqual(served(await grpcCall(port, 'shop.Cart', 'List', 'all')), { server: 'cart-lister', method: '/shop.Cart/List', text: 'all' });
  });

  test('whatever authority the client dials, the calls get through', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => grpcCall(port, 'shop.Cart', i % 2 === 0 ? 'Add' : 'List', String(i), { authority: 'api.example.com' })),
    );
    const servers = outcomes.map((o) => (o.ok ? o.answer.server : served(o)));
    assert.deepEqual(servers, Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'cart-adder' : 'cart-lister')));
  });

  test('a method the router has no route for fails with UNIMPLEMENTED and reaches no server', async () => {
    const calls = adder.calls.length + lister.calls.length;
    const outcome = await grpcCall(port, 'shop.Cart', 'Remove', 'apple');
    assert.equal(outcome.ok, false, JSON.stringify(outcome));
    if (!outcome.ok) assert.equal(grpcStatus[outcome.code], 'UNIMPLEMENTED', outcome.details);
    assert.equal(adder.calls.length + lister.calls.length, calls);
  });

  test('a gateway route with a metadata match takes only the calls that carry it, straight to a node service', async () => {
    const calls = adder.calls.length + lister.calls.length;
    for (const metadata of [undefined, { 'x-role': 'guest' }]) {
      const outcome = await grpcCall(port, 'shop.Admin', 'Purge', 'all', metadata ? { metadata } : {});
      assert.equal(outcome.ok, false, JSON.stringify(outcome));
      if (!outcome.ok) assert.equal(grpcStatus[outcome.code], 'UNIMPLEMENTED', outcome.details);
    }
    assert.equal(adder.calls.length + lister.calls.length, calls, 'no server saw the calls without x-role: admin');
    assert.deepEqual(served(await grpcCall(port, 'shop.Admin', 'Purge', 'all', { metadata: { 'x-role': 'admin' } })), {
      server: 'cart-adder',
      method: '/shop.Admin/Purge',
      text: 'all',
    });
  });
});

describe('a gateway with an HTTP and a gRPC listener', () => {
  let book: Upstream;
  let adder: GrpcUpstream;
  let gateway: GatewayRun;
  let httpPort: number;
  let grpcPort: number;

  before(async () => {
    book = await echoUpstream('book');
    adder = await grpcUpstream('cart-adder');
    httpPort = await freePort();
    grpcPort = await freePort();
    gateway = await runGateway(mixedGatewayMesh({ upstream: { book: book.port, 'cart-adder': adder.port }, gateway: [httpPort, grpcPort] }), 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    await book?.close();
    await adder?.close();
  });

  test('HTTP/1.1 on one port and gRPC on the other both get through', async () => {
    const echo = echoOf(await viaEgress(httpPort, 'www.example.com', '/book/1'));
    assert.deepEqual([echo.upstream, echo.path], ['book', '/1']);
    assert.deepEqual(served(await grpcCall(grpcPort, 'shop.Cart', 'Add', 'mixed')), { server: 'cart-adder', method: '/shop.Cart/Add', text: 'mixed' });
  });

  test('each protocol is served on its own port only', async () => {
    const before = book.hits.length + adder.calls.length;
    const http = await viaEgress(grpcPort, 'www.example.com', '/book/1').catch(() => ({ status: 0 }));
    assert.notEqual(http.status, 200);
    assert.equal((await grpcCall(httpPort, 'shop.Cart', 'Add', 'wrong port')).ok, false);
    assert.equal(book.hits.length + adder.calls.length, before, 'neither upstream saw a request on the wrong port');
  });
});
