// The read path: a signed App Mesh GET that succeeds is answered before Express's stack (fast-read.ts).
// Its answer must be the one the Express route gives: the console session's request, which is not
// signed, still takes that route, so the two are compared status, header lines and bytes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TEST_ACCESS_KEY_ID, TEST_CREDENTIALS, TEST_SECRET_ACCESS_KEY, type TestServer } from '../../../../testkit/bff';
import { apiJson } from '../../../../testkit/http';
import { signedHeaders } from '../../../../testkit/sign';
import { rawRequest, type RawAnswer } from '../../../../testkit/raw-http';
import { sqliteVariant } from '../../../../testkit/stores';

const get = (port: number, path: string, headers: Record<string, string | string[]>): Promise<RawAnswer> =>
  rawRequest(port, { path, headers, blank: /^(date|x-amzn-requestid)$/i });

describe('App Mesh reads answered before Express', () => {
  let server: TestServer;
  let port: number;
  let cookie: string;
  before(async () => {
    server = await startTestServer(sqliteVariant);
    port = Number(new URL(server.url).port);
    const put = async (path: string, body: unknown) => assert.equal((await apiJson(server, 'PUT', path, body)).status, 200, path);
    await put('/v20190125/meshes', { meshName: 'shop' });
    await put('/v20190125/meshes/shop/virtualNodes', { virtualNodeName: 'blue', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'blue.shop.local' } } } });
    await put('/v20190125/meshes/shop/virtualNodes', { virtualNodeName: 'green ü', spec: {} });
    const login = await apiJson(server, 'POST', '/api/session', { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY }, { signAs: null, headers: { origin: server.url } });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(cookie, /^meshwright_session=/);
  });
  after(async () => server?.close());

  const signed = async (path: string) => {
    const { host: _host, ...headers } = await signedHeaders(TEST_CREDENTIALS, { method: 'GET', url: new URL(`http://127.0.0.1:${port}${path}`) });
    return get(port, path, headers);
  };
  const bySession = (path: string) => get(port, path, { cookie });

  const paths: [path: string, status: number][] = [
    ['/v20190125/meshes/shop/virtualNodes/blue', 200],
    ['/v20190125/meshes/shop/virtualNodes/green%20%C3%BC', 200],
    ['/v20190125/meshes/shop/virtualNodes/blue?meshOwner=123456789012', 200],
    ['/v20190125/meshes/shop/virtualNodes?limit=1', 200],
    ['/v20190125/meshes/shop', 200],
    ['/v20190125/meshes', 200],
    // Errors: the signed request falls through to Express, which answers both the same way.
    ['/v20190125/meshes/shop/virtualNodes/absent', 404],
    ['/v20190125/meshes/shop/virtualNodes/blue?meshOwner=111111111111', 404],
    ['/v20190125/meshes/shop/virtualNodes?limit=0', 400],
    ['/v20190125/meshes/shop/virtualNodes/bad%ZZ', 400],
  ];
  for (const [path, status] of paths) {
    test(`GET ${path}: ${status}, the signed answer is the session's, header for header and byte for byte`, async () => {
      const a = await signed(path);
      const b = await bySession(path);
      assert.equal(a.status, status, a.body);
      assert.equal(b.status, status, b.body);
      assert.deepEqual(a.headers, b.headers);
      assert.equal(a.body, b.body);
    });
  }

  test('describe answers with the current version after an update, on the same connection pool', async () => {
    const path = '/v20190125/meshes/shop/virtualNodes/blue';
    const first = JSON.parse((await signed(path)).body) as { metadata: { version: number }; spec: { serviceDiscovery: { dns: { hostname: string } } } };
    const update = await apiJson(server, 'PUT', path, { spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'blue2.shop.local' } } } });
    assert.equal(update.status, 200);
    const second = JSON.parse((await signed(path)).body) as typeof first;
    assert.equal(second.metadata.version, first.metadata.version + 1);
    assert.equal(second.spec.serviceDiscovery.dns.hostname, 'blue2.shop.local');
  });

  test('headers named like Object members, in any case, or repeated, get the same answer as the session', async () => {
    const path = '/v20190125/meshes/shop/virtualNodes/blue';
    const extras: Record<string, string | string[]>[] = [{ Constructor: 'x', ['__proto__']: 'y', 'X-Mixed-Case': 'z' }, { 'x-repeated': ['one', 'two'] }];
    for (const extra of extras) {
      const { host: _host, ...headers } = await signedHeaders(TEST_CREDENTIALS, { method: 'GET', url: new URL(`http://127.0.0.1:${port}${path}`) });
      const a = await get(port, path, { ...headers, ...extra });
      const b = await bySession(path);
      assert.equal(a.status, 200, a.body);
      assert.deepEqual(a.headers, b.headers);
      assert.equal(a.body, b.body);
    }
  });

  test('every answer carries its own request id', async () => {
    const path = '/v20190125/meshes/shop/virtualNodes/blue';
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const { host: _host, ...headers } = await signedHeaders(TEST_CREDENTIALS, { method: 'GET', url: new URL(`http://127.0.0.1:${port}${path}`) });
      const res = await fetch(`${server.url}${path}`, { headers });
      ids.add(res.headers.get('x-amzn-requestid') ?? '');
    }
    assert.equal(ids.size, 3);
    assert.ok(![...ids].includes(''));
  });

  test('no request produced a 500', () => {
    assert.deepEqual(server.errors, []);
  });
});
