// A real gateway Envoy on the compiled static bootstrap of a virtual gateway, in front of a router's
// real upstreams: requests entering the mesh through the gateway are split and routed as the router says.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { splitGatewayMesh, targetPortGatewayMesh } from '../../../../testkit/gateway-meshes';
import { connectionPoolGatewayMesh, http2GatewayMesh } from '../../../../testkit/gateway-protocol-meshes';
import { freePort } from '../../../../testkit/ports';
import { runGateway, type GatewayRun } from '../../../../testkit/gateway-proxy';
import { closeClientConnections, echoOf, echoUpstream, httpUpstream, viaEgress, viaHttp2, type Upstream } from '../../../../testkit/upstreams';
import { assertShares, countAnswers } from '../../../../testkit/weighted-split';

describe('a gateway in front of a router with an 80/20 split', () => {
  const upstreams: Upstream[] = [];
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    for (const name of ['catalog-v1', 'catalog-v2', 'catalog-beta']) upstreams.push(await httpUpstream(name));
    upstreams.push(await httpUpstream('catalog-slow', { delayMs: 1500 }));
    // The first attempt of every request fails; the retry gets through.
    upstreams.push(await httpUpstream('catalog-flaky', { answer: (_p, n) => (n % 2 === 1 ? { status: 503, body: 'first attempt fails' } : { status: 200 }) }));
    port = await freePort();
    const model = splitGatewayMesh({ upstream: Object.fromEntries(upstreams.map((u) => [u.name, u.port])), gateway: [port] });
    gateway = await runGateway(model, 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    for (const u of upstreams) await u.close();
  });

  test('2,000 requests through the gateway split 80/20 as a fair weighted pick does', async () => {
    const counts = await countAnswers(2000, 20, (i) => viaEgress(port, 'www.example.com', `/items/${i}`));
    assertShares(counts, { 'catalog-v1': 0.8, 'catalog-v2': 0.2 });
  });

  test("the router's own header route applies to requests from the gateway", async () => {
    const reply = await viaEgress(port, 'www.example.com', '/items', { 'x-beta': 'yes' });
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'catalog-beta');
  });

  test("the router route's timeout applies behind the gateway", async () => {
    const reply = await viaEgress(port, 'www.example.com', '/slow/1');
    assert.equal(reply.status, 504, reply.body);
    assert.match(reply.body, /upstream request timeout/);
  });

  test("the router route's retry policy turns a first-attempt 503 into a success", async () => {
    const flaky = upstreams.find((u) => u.name === 'catalog-flaky');
    assert.ok(flaky);
    const before = flaky.hits.length;
    const reply = await viaEgress(port, 'www.example.com', '/flaky/1');
    assert.equal(reply.status, 200, reply.body);
    assert.equal(reply.body, 'catalog-flaky');
    // The gateway route's prefix is `/`: nothing to strip, the path arrives as sent.
    assert.deepEqual(flaky.hits.slice(before), ['/flaky/1', '/flaky/1'], 'the failed attempt and the retry');
  });

  test("with the Host rewrite disabled the request still reaches the router's routes", async () => {
    const beta = await viaEgress(port, 'www.example.com', '/own-host/items', { 'x-beta': 'yes' });
    assert.equal(beta.status, 200, beta.body);
    assert.equal(beta.body, 'catalog-beta');
    const split = await viaEgress(port, 'www.example.com', '/own-host/items');
    assert.equal(split.status, 200, split.body);
    assert.match(split.body, /^catalog-v[12]$/);
  });
});

describe('an http2 gateway listener', () => {
  let book: Upstream;
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    book = await echoUpstream('book');
    port = await freePort();
    gateway = await runGateway(http2GatewayMesh({ upstream: { book: book.port }, gateway: [port] }), 'edge');
  });

  after(async () => {
    await gateway?.envoy.stop();
    await book?.close();
  });

  test('an HTTP/2 client reaches an HTTP/1.1 service through an http2Route, rewritten as usual', async () => {
    const reply = await viaHttp2(port, 'www.example.com', '/h2/x');
    assert.equal(reply.status, 200, reply.body);
    const echo = echoOf(reply);
    assert.deepEqual([echo.upstream, echo.path, echo.host], ['book', '/x', 'book.gate.local']);
    assert.equal((await viaHttp2(port, 'www.example.com', '/elsewhere')).status, 404);
  });
});

describe('a gateway route naming the port of a service served on two ports', () => {
  const upstreams: Upstream[] = [];
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    for (const name of ['pages-a', 'pages-b']) upstreams.push(await echoUpstream(name));
    port = await freePort();
    gateway = await runGateway(targetPortGatewayMesh({ upstream: Object.fromEntries(upstreams.map((u) => [u.name, u.port])), gateway: [port] }), 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    for (const u of upstreams) await u.close();
  });

  test("each route reaches the router routes of the port it names", async () => {
    const a = echoOf(await viaEgress(port, 'www.example.com', '/on-8080/x'));
    const b = echoOf(await viaEgress(port, 'www.example.com', '/on-9090/x'));
    assert.deepEqual([a.upstream, a.path, a.host], ['pages-a', '/x', 'pages.gate.local']);
    assert.deepEqual([b.upstream, b.path, b.host], ['pages-b', '/x', 'pages.gate.local']);
  });
});

describe("a gateway listener's connection pool", () => {
  let slow: Upstream;
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    slow = await httpUpstream('slow', { delayMs: 500 });
    port = await freePort();
    gateway = await runGateway(connectionPoolGatewayMesh({ upstream: { slow: slow.port }, gateway: [port] }), 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    await slow?.close();
  });

  test('one connection and one pending request: the rest of 8 concurrent requests overflow with 503', async () => {
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => viaEgress(port, 'www.example.com', `/${i}`)));
    const ok = replies.filter((r) => r.status === 200).length;
    const overflow = replies.filter((r) => r.status === 503 && r.headers['x-envoy-overloaded'] === 'true').length;
    assert.equal(ok + overflow, 8, JSON.stringify(replies.map((r) => [r.status, r.headers['x-envoy-overloaded']])));
    assert.ok(ok >= 1 && ok <= 2, `${ok} requests got through`);
  });
});
