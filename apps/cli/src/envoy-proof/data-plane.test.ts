// A real Envoy on the compiled static bootstrap, in front of real upstreams: the routes do what the
// mesh says.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { shopMesh } from '../../../../testkit/proof-meshes';
import { runProxy, type ProxyRun } from '../../../../testkit/static-proxy';
import { closeClientConnections, httpUpstream, tcpEcho, tcpExchange, viaEgress, type Upstream } from '../../../../testkit/upstreams';
import { assertShares, countAnswers } from '../../../../testkit/weighted-split';

describe('front proxy of the shop mesh (DROP_ALL)', () => {
  const upstreams: Record<string, Upstream> = {};
  let ledger: Awaited<ReturnType<typeof tcpEcho>>;
  let outsider: Upstream;
  let proxy: ProxyRun;
  const logPath = join(mkdtempSync(join(tmpdir(), 'mw-access-log-')), 'access.log');
  const catalog = 'catalog.shop.local';

  before(async () => {
    for (const name of ['front', 'catalog-v1', 'catalog-v2', 'catalog-beta', 'stock', 'search']) upstreams[name] = await httpUpstream(name);
    // The first attempt of every request fails; the retry gets through.
    upstreams['catalog-flaky'] = await httpUpstream('catalog-flaky', { answer: (_p, n) => (n % 2 === 1 ? { status: 503, body: 'first attempt fails' } : { status: 200 }) });
    ledger = await tcpEcho('ledger');
    outsider = await httpUpstream('outsider');
    const ports = Object.fromEntries(Object.values(upstreams).map((u) => [u.name, u.port]));
    proxy = await runProxy(shopMesh({ upstream: { ...ports, ledger: ledger.port } }, 'DROP_ALL', logPath), 'front');
  });

  after(async () => {
    closeClientConnections();
    await proxy?.envoy.stop();
    for (const u of Object.values(upstreams)) await u.close();
    await ledger?.close();
    await outsider?.close();
  });

  test('an 80/20 route splits 2,000 requests as a fair weighted pick does', async () => {
    const counts = await countAnswers(2000, 50, () => viaEgress(proxy.ports.egress, catalog, '/items'));
    assertShares(counts, { 'catalog-v1': 0.8, 'catalog-v2': 0.2 });
  });

  test('a header route and a prefix route pick their targets', async () => {
    assert.equal((await viaEgress(proxy.ports.egress, catalog, '/items', { 'x-beta': 'yes' })).body, 'catalog-beta');
    assert.equal((await viaEgress(proxy.ports.egress, catalog, '/v2/items?debug=1', { 'x-old': '9' })).body, 'catalog-v2');
    // The same prefix without the query parameter falls through to the next route.
    assert.equal((await viaEgress(proxy.ports.egress, `${catalog}:8080`, '/v2/items', { 'x-old': '9' })).body, 'catalog-beta');
  });

  test('priority order holds, and an inverted header match excludes what it matches', async () => {
    // Priority 1 (header) wins over priority 3 (prefix) when both match.
    assert.equal((await viaEgress(proxy.ports.egress, catalog, '/v2/items?debug=1', { 'x-beta': 'yes' })).body, 'catalog-beta');
    // x-old in [1, 5) makes the inverted match fail: the next route in priority order answers.
    assert.equal((await viaEgress(proxy.ports.egress, catalog, '/v2/items?debug=1', { 'x-old': '2' })).body, 'catalog-beta');
    assert.equal((await viaEgress(proxy.ports.egress, catalog, '/v2/items?debug=1', { 'x-old': '7' })).body, 'catalog-v2');
    // As in Envoy (and App Mesh, which passed invert through), an inverted match needs the header present.
    assert.equal((await viaEgress(proxy.ports.egress, catalog, '/v2/items?debug=1')).body, 'catalog-beta');
  });

  test('a retry policy turns a first-attempt 503 into a success', async () => {
    const flaky = upstreams['catalog-flaky'];
    assert.ok(flaky);
    const before = flaky.hits.length;
    const reply = await viaEgress(proxy.ports.egress, catalog, '/flaky/1');
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'catalog-flaky');
    assert.equal(flaky.hits.length - before, 2, 'the upstream saw the failed attempt and the retry');
  });

  test('a service provided by a node goes to that node', async () => {
    assert.equal((await viaEgress(proxy.ports.egress, 'stock.shop.local', '/')).body, 'stock');
  });

  test('a TCP route carries bytes both ways', async () => {
    const tcp = proxy.result.resources.listeners.find((l) => l.name === 'lds_egress_tcp_ledger.shop.local_9000');
    assert.ok(tcp, 'a TCP egress listener for ledger');
    assert.equal(await tcpExchange(proxy.ports.tcpEgressBase, 'debit 5'), 'ledger:debit 5');
  });

  test('DROP_ALL answers an unknown host without forwarding it', async () => {
    const reply = await viaEgress(proxy.ports.egress, `127.0.0.1:${outsider.port}`, '/secret');
    assert.equal(reply.status, 404);
    assert.match(reply.body, /DROP_ALL/);
    assert.deepEqual(outsider.hits, []);
  });

  test('the access log gets one JSON line per request', async () => {
    for (let i = 0; i < 3; i++) await viaEgress(proxy.ports.egress, 'stock.shop.local', `/logged/${i}`);
    // Reopening the logs flushes them (otherwise Envoy writes every 10 s), but on Envoy's flush
    // thread: the lines land shortly after the admin call returns, so read until they are there.
    await fetch(`http://127.0.0.1:${proxy.ports.admin}/reopen_logs`, { method: 'POST' });
    const readLogged = () =>
      readFileSync(logPath, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => String(l.path).startsWith('/logged/'));
    let logged = readLogged();
    for (let tries = 0; logged.length < 3 && tries < 100; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      logged = readLogged();
    }
    assert.deepEqual(logged.map((l) => [l.authority, l.path, l.code]), [0, 1, 2].map((i) => ['stock.shop.local', `/logged/${i}`, 200]));
  });
});
