// What a hostile web page can make a browser send, and what it gets: DNS rebinding (a foreign Host)
// and cross-site writes (a foreign Origin, or the "simple" content types of forms, no-cors and beacons).
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, TEST_CREDENTIALS, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';
import { signedHeaders } from '../../../../testkit/sign';

interface Sent { method: string; path: string; headers?: Record<string, string>; body?: string }

/** A signed request (by the test admin key) with exactly these headers, the Host included. */
async function send(port: number, s: Sent): Promise<{ status: number; type: string | undefined; body: string }> {
  const given = s.headers ?? {};
  const url = new URL(`http://${given.host ?? `127.0.0.1:${port}`}${s.path}`);
  const headers = await signedHeaders(TEST_CREDENTIALS, { method: s.method, url, headers: given, ...(s.body === undefined ? {} : { body: s.body }) });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: s.method, path: s.path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['x-amzn-errortype'] as string | undefined, body }));
    });
    req.on('error', reject);
    req.end(s.body);
  });
}

describe('requests a hostile page could cause', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startTestServer(sqliteVariant, { config: { allowedHosts: ['mesh.example.com'] } });
    port = Number(new URL(server.url).port);
  });
  after(async () => {
    await server?.close();
  });
  const meshNames = async () => ((await (await apiRequest(server, '/v20190125/meshes')).json()) as { meshes: { meshName: string }[] }).meshes.map((m) => m.meshName);

  test('a foreign Host (DNS rebinding) is refused with 421 on the API and the console; /healthz still answers', async () => {
    for (const path of ['/v20190125/meshes', '/api/meshes', '/api/openapi.json']) {
      const res = await send(port, { method: 'GET', path, headers: { host: `rebind.evil.example:${port}` } });
      assert.equal(res.status, 421, path);
      assert.match(res.body, /Host \\"rebind\.evil\.example:\d+\\" is not a name this server answers for/);
    }
    assert.equal((await send(port, { method: 'GET', path: '/healthz', headers: { host: 'rebind.evil.example' } })).status, 200);
  });

  test('loopback names and ALLOWED_HOSTS are answered', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'mesh.example.com', 'MESH.example.com:443']) {
      assert.equal((await send(port, { method: 'GET', path: '/v20190125/meshes', headers: { host } })).status, 200, host);
    }
  });

  const bundle = (meshName: string) => JSON.stringify({ mesh: { meshName }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [] });

  test('a cross-site POST (foreign Origin) is refused with 403 even as JSON; nothing is created', async () => {
    const res = await send(port, { method: 'POST', path: '/api/bundles', headers: { host: `127.0.0.1:${port}`, origin: 'http://evil.example', 'content-type': 'application/json' }, body: bundle('csrf-json') });
    assert.equal(res.status, 403);
    assert.equal(res.type, 'ForbiddenException');
    const opaque = await send(port, { method: 'PUT', path: '/v20190125/meshes', headers: { host: `127.0.0.1:${port}`, origin: 'null', 'content-type': 'application/json' }, body: JSON.stringify({ meshName: 'csrf-null' }) });
    assert.equal(opaque.status, 403);
    assert.deepEqual((await meshNames()).filter((n) => n.startsWith('csrf')), []);
  });

  test('form posts, no-cors fetches and beacons (text/plain, urlencoded, multipart) are refused with 415; nothing is created', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      for (const [method, path, body] of [['POST', '/api/bundles', bundle('csrf-form')], ['PUT', '/v20190125/meshes', JSON.stringify({ meshName: 'csrf-form' })]] as const) {
        const res = await send(port, { method, path, headers: { host: `127.0.0.1:${port}`, 'content-type': type, 'content-length': String(Buffer.byteLength(body)) }, body });
        assert.equal(res.status, 415, `${type} ${path}`);
        assert.match(res.body, /send the body as application\/json/);
      }
    }
    assert.deepEqual((await meshNames()).filter((n) => n.startsWith('csrf')), []);
  });

  test("the console's own page (same Origin, JSON) may create", async () => {
    const res = await send(port, { method: 'POST', path: '/api/bundles', headers: { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json' }, body: bundle('same-origin') });
    assert.equal(res.status, 201, res.body);
    assert.ok((await meshNames()).includes('same-origin'));
  });
});
