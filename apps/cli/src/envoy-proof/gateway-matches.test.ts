// Which gateway route takes a request, on a real gateway Envoy: hostname, header, query-parameter
// and method matches, App Mesh's route order, and listener ports.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { matchGatewayMesh, multiListenerGatewayMesh } from '../../../../testkit/gateway-meshes';
import { freePort } from '../../../../testkit/ports';
import { runGateway, type GatewayRun } from '../../../../testkit/gateway-proxy';
import { closeClientConnections, echoOf, echoUpstream, viaEgress, type Upstream } from '../../../../testkit/upstreams';

async function startEchoes(names: string[]): Promise<Upstream[]> {
  const out: Upstream[] = [];
  for (const name of names) out.push(await echoUpstream(name));
  return out;
}

const portsOf = (upstreams: Upstream[]) => Object.fromEntries(upstreams.map((u) => [u.name, u.port]));
const totalHits = (upstreams: Upstream[]) => upstreams.reduce((n, u) => n + u.hits.length, 0);

describe('gateway route matches and order', () => {
  let upstreams: Upstream[];
  let gateway: GatewayRun;
  let port: number;

  before(async () => {
    upstreams = await startEchoes(['shop', 'org', 'gold', 'beta', 'post', 'root', 'chapter']);
    port = await freePort();
    gateway = await runGateway(matchGatewayMesh({ upstream: portsOf(upstreams), gateway: [port] }), 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    for (const u of upstreams ?? []) await u.close();
  });

  /** The upstream that answered, or the status when none did. */
  const reached = async (host: string, path = '/x', headers: Record<string, string> = {}, method = 'GET') => {
    const reply = await viaEgress(port, host, path, headers, method);
    return reply.status === 200 ? echoOf(reply).upstream : reply.status;
  };

  test('a hostname exact route takes that host only, with or without a port', async () => {
    assert.equal(await reached('shop.example.com'), 'shop');
    assert.equal(await reached(`shop.example.com:${port}`), 'shop');
    assert.equal(await reached('www.shop.example.com'), 404);
  });

  test('a hostname suffix route takes the hosts that end with the suffix', async () => {
    assert.equal(await reached('api.example.org'), 'org');
    assert.equal(await reached('a.b.example.org'), 'org');
    assert.equal(await reached('example.org.evil.test'), 404);
    // Without a leading dot the suffix is literal, and takes the name itself too.
    assert.equal(await reached('example.net'), 'org');
    assert.equal(await reached('api.example.net'), 'org');
    assert.equal(await reached('badexample.net'), 'org');
    assert.equal(await reached('example.network'), 404);
  });

  test('on a matched hostname, a route without hostname and a lower priority number still comes first', async () => {
    assert.equal(await reached('shop.example.com', '/x', { 'x-tier': 'gold' }), 'gold');
    assert.equal(await reached('api.example.org', '/x', {}, 'POST'), 'post');
  });

  test('header, query-parameter and method matches pick their routes', async () => {
    assert.equal(await reached('any.test', '/x', { 'x-tier': 'gold' }), 'gold');
    assert.equal(await reached('any.test', '/x', { 'x-tier': 'silver' }), 404);
    assert.equal(await reached('any.test', '/x?beta=yes'), 'beta');
    assert.equal(await reached('any.test', '/x?beta=no'), 404);
    assert.equal(await reached('any.test', '/x', {}, 'POST'), 'post');
    assert.equal(await reached('any.test', '/x', {}, 'PUT'), 404);
  });

  test('the longest prefix wins whatever the order of creation', async () => {
    assert.equal(await reached('longest.test', '/chapter/1'), 'chapter');
    assert.equal(await reached('longest.test', '/preface'), 'root');
  });

  test('priority 0 comes first, before a longer prefix', async () => {
    assert.equal(await reached('priority.test', '/chapter/1'), 'root');
  });

  test('a client cannot pick another target by sending the internal target header', async () => {
    const gold = upstreams.find((u) => u.name === 'gold');
    assert.ok(gold);
    const spoof = { 'x-meshwright-gateway-target': `gold.gate.local:${gold.port}` };
    assert.equal(await reached('shop.example.com', '/x', spoof), 'shop');
    assert.equal(await reached('nobody.test', '/x', spoof), 404);
  });

  test('a request no route takes never reaches an upstream', async () => {
    const before = totalHits(upstreams);
    assert.equal(await reached('nobody.test', '/x'), 404);
    assert.equal(totalHits(upstreams), before);
  });
});

describe('a gateway with two listeners and match.port', () => {
  let upstreams: Upstream[];
  let gateway: GatewayRun;
  let first: number;
  let second: number;

  before(async () => {
    upstreams = await startEchoes(['a', 'b']);
    first = await freePort();
    second = await freePort();
    gateway = await runGateway(multiListenerGatewayMesh({ upstream: portsOf(upstreams), gateway: [first, second] }), 'edge');
  });

  after(async () => {
    closeClientConnections();
    await gateway?.envoy.stop();
    for (const u of upstreams ?? []) await u.close();
  });

  const reached = async (port: number, path: string) => {
    const reply = await viaEgress(port, 'www.example.com', path);
    return reply.status === 200 ? echoOf(reply).upstream : reply.status;
  };

  test('each route is reachable on its own listener port only', async () => {
    assert.equal(await reached(first, '/a/1'), 'a');
    assert.equal(await reached(first, '/b/1'), 404);
    assert.equal(await reached(second, '/a/1'), 'b');
  });

  test('a route whose match has only the port takes every path on that port', async () => {
    for (const path of ['/', '/anything', '/deep/er?q=1']) assert.equal(await reached(second, path), 'b');
  });
});
