// What a service behind a virtual gateway sees of a request: the path and Host after App Mesh's
// gateway rewrites, on a real gateway Envoy in front of an upstream that echoes them.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { effectiveGatewayRouting, type MeshModel } from '@meshwright/model';
import { rewriteGatewayMesh } from '../../../../testkit/gateway-meshes';
import { freePort } from '../../../../testkit/ports';
import { runGateway, type GatewayRun } from '../../../../testkit/gateway-proxy';
import { closeClientConnections, echoOf, echoUpstream, viaEgress, type Upstream } from '../../../../testkit/upstreams';

describe('gateway rewrites', () => {
  let book: Upstream;
  let gateway: GatewayRun;
  let model: MeshModel;
  let port: number;
  const clientHost = 'www.example.com';
  const service = 'book.gate.local';

  before(async () => {
    book = await echoUpstream('book');
    port = await freePort();
    model = rewriteGatewayMesh({ upstream: { book: book.port }, gateway: [port] });
    gateway = await runGateway(model, 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    await book?.close();
  });

  const seen = async (path: string, host = clientHost) => {
    const reply = await viaEgress(port, host, path);
    assert.equal(reply.status, 200, `${path}: ${reply.body}`);
    const echo = echoOf(reply);
    return { path: echo.path, host: echo.host };
  };

  test('a prefix route replaces the matched prefix with / and sets Host to the service name', async () => {
    assert.deepEqual(await seen('/chapter/1'), { path: '/1', host: service });
    assert.deepEqual(await seen('/chapter'), { path: '/', host: service });
    assert.deepEqual(await seen('/chapter/1/page?line=2'), { path: '/1/page?line=2', host: service });
    // A prefix with its trailing slash: the same outcome.
    assert.deepEqual(await seen('/section/2'), { path: '/2', host: service });
  });

  test('with both default rewrites disabled the upstream sees the original path and Host', async () => {
    assert.deepEqual(await seen('/keep/x?y=1'), { path: '/keep/x?y=1', host: clientHost });
    assert.deepEqual(await seen('/keep', 'other.example.net'), { path: '/keep', host: 'other.example.net' });
  });

  test('rewrite.prefix.value replaces the matched prefix with the value', async () => {
    assert.deepEqual(await seen('/old/x'), { path: '/new/x', host: service });
    assert.deepEqual(await seen('/old/a/b'), { path: '/new/a/b', host: service });
  });

  test('an exact path route with path.exact reaches the service on the new path', async () => {
    assert.deepEqual(await seen('/legacy'), { path: '/modern', host: service });
    // Exact means exact: a longer path is not this route's.
    const before = book.hits.length;
    assert.equal((await viaEgress(port, clientHost, '/legacy/more')).status, 404);
    assert.equal(book.hits.length, before, 'the upstream never saw /legacy/more');
  });

  test('an exact path route without a path rewrite keeps the path and still sets the Host', async () => {
    assert.deepEqual(await seen('/status'), { path: '/status', host: service });
  });

  test('a regex path route with path.exact reaches the service on the new path', async () => {
    assert.deepEqual(await seen('/v2/docs'), { path: '/docs', host: service });
    assert.deepEqual(await seen('/v10/docs'), { path: '/docs', host: service });
    assert.equal((await viaEgress(port, clientHost, '/vx/docs')).status, 404);
  });

  test("the gateway's internal target header never reaches the service", async () => {
    const reply = await viaEgress(port, clientHost, '/chapter/1', { 'x-meshwright-gateway-target': 'elsewhere.gate.local:1' });
    assert.equal(reply.status, 200, reply.body);
    const echo = echoOf(reply);
    assert.equal(echo.path, '/1');
    assert.deepEqual(Object.keys(echo.headers).filter((h) => h.startsWith('x-meshwright')), []);
  });

  test("what effectiveGatewayRouting tells the console is what Envoy does", async () => {
    const routes = effectiveGatewayRouting(model, 'edge');
    const withExamples = routes.filter((r) => r.example !== undefined);
    assert.ok(withExamples.length >= 4, 'the prefix routes come with an example');
    for (const r of withExamples) {
      if (!r.example) continue;
      const got = await seen(r.example.request);
      const host = r.hostRewrite.kind === 'target' ? r.hostRewrite.value : clientHost;
      assert.deepEqual(got, { path: r.example.upstream, host }, `${r.gatewayRouteName}: ${r.sentence}`);
    }
  });

  test('a path no route takes is answered 404 by the gateway', async () => {
    const before = book.hits.length;
    const reply = await viaEgress(port, clientHost, '/nowhere');
    assert.equal(reply.status, 404);
    assert.equal(book.hits.length, before);
  });
});

describe('the gateway access log', () => {
  test('one JSON line per request, with the path the client sent and the path the service got', async () => {
    const book = await echoUpstream('book');
    const port = await freePort();
    const logPath = join(mkdtempSync(join(tmpdir(), 'mw-gateway-log-')), 'access.log');
    const gateway = await runGateway(rewriteGatewayMesh({ upstream: { book: book.port }, gateway: [port] }, logPath), 'edge');
    try {
      for (const path of ['/chapter/1', '/status', '/nowhere']) await viaEgress(port, 'www.example.com', path);
      // Reopening the logs flushes them, on Envoy's flush thread: read until the lines are there.
      await fetch(`http://127.0.0.1:${gateway.ports.admin}/reopen_logs`, { method: 'POST' });
      const lines = () => readFileSync(logPath, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { path: string; upstreamPath: string; code: number });
      let logged = lines();
      for (let tries = 0; logged.length < 3 && tries < 100; tries++) {
        await new Promise((r) => setTimeout(r, 100));
        logged = lines();
      }
      assert.deepEqual(logged.map((l) => [l.path, l.upstreamPath, l.code]), [['/chapter/1', '/1', 200], ['/status', '/status', 200], ['/nowhere', '/nowhere', 404]]);
    } finally {
      closeClientConnections();
      await gateway.envoy.stop();
      await book.close();
    }
  });
});
