// The App Mesh operations are dispatched by one table (operation-routes.ts) for the exact, plain form
// of a path; every other form still takes Express's routes. These are the answers Express gave before
// the table existed, for the forms the table leaves to it and for the ones it takes.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiJson, apiRequest } from '../../../../testkit/http';
import { sqliteVariant } from '../../../../testkit/stores';

interface Answer {
  status: number;
  errorType: string | null;
  allow: string | null;
  body: string;
}

async function answer(res: Response): Promise<Answer> {
  return { status: res.status, errorType: res.headers.get('x-amzn-errortype'), allow: res.headers.get('allow'), body: await res.text() };
}

const notFound = (message: string): Answer => ({ status: 404, errorType: 'NotFoundException', allow: null, body: JSON.stringify({ message }) });

describe('App Mesh operations by method and path', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(sqliteVariant);
    assert.equal((await apiJson(server, 'PUT', '/v20190125/meshes', { meshName: 'shop' })).status, 200);
  });
  after(async () => server?.close());

  const meshNameOf = (a: Answer) => (JSON.parse(a.body) as { meshName?: string }).meshName;

  test('a trailing slash and other letter case still name the operation', async () => {
    const slash = await answer(await apiJson(server, 'PUT', '/v20190125/meshes/', { meshName: 'slash' }));
    assert.equal(slash.status, 200, slash.body);
    assert.equal(meshNameOf(slash), 'slash');
    const upper = await answer(await apiJson(server, 'PUT', '/V20190125/MESHES', { meshName: 'upper' }));
    assert.equal(upper.status, 200, upper.body);
    assert.equal(meshNameOf(upper), 'upper');
    const described = await answer(await apiRequest(server, '/v20190125/Meshes/upper/'));
    assert.equal(described.status, 200, described.body);
    assert.equal(meshNameOf(described), 'upper');
  });

  test('URI labels are percent-decoded, and a path that is not valid percent-encoding is a 400', async () => {
    const spec = { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'green.shop.local' } } };
    const created = await answer(await apiJson(server, 'PUT', '/v20190125/meshes/shop/virtualNodes', { virtualNodeName: 'green ü', spec }));
    assert.equal(created.status, 200, created.body);
    const updated = await answer(await apiJson(server, 'PUT', '/v20190125/meshes/shop/virtualNodes/green%20%C3%BC', { spec }));
    assert.equal(updated.status, 200, updated.body);
    assert.equal((JSON.parse(updated.body) as { virtualNodeName: string }).virtualNodeName, 'green ü');
    const bad = await answer(await apiJson(server, 'PUT', '/v20190125/meshes/shop/virtualNodes/bad%ZZ', { spec }));
    assert.deepEqual(bad, {
      status: 400,
      errorType: 'BadRequestException',
      allow: null,
      body: JSON.stringify({ message: 'the URL path is not valid percent-encoding (a % must be followed by two hex digits of UTF-8)' }),
    });
  });

  test('an unknown path or method is a NotFoundException naming it', async () => {
    assert.deepEqual(await answer(await apiJson(server, 'PUT', '/v20190125/meshes/shop/nothing', {})), notFound('no operation at PUT /meshes/shop/nothing'));
    assert.deepEqual(await answer(await apiJson(server, 'PATCH', '/v20190125/meshes/shop', {})), notFound('no operation at PATCH /meshes/shop'));
    assert.deepEqual(await answer(await apiJson(server, 'POST', '/v20190125/meshes/shop', {})), notFound('no operation at POST /meshes/shop'));
  });

  test('HEAD answers as GET does, without a body; OPTIONS lists the methods of the path', async () => {
    const head = await apiRequest(server, '/v20190125/meshes/shop', { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(await head.text(), '');
    const options = await answer(await apiRequest(server, '/v20190125/meshes/shop', { method: 'OPTIONS' }));
    assert.deepEqual(options, { status: 200, errorType: null, allow: 'DELETE, GET, HEAD, PUT', body: 'DELETE, GET, HEAD, PUT' });
  });

  test('a body field that belongs in the path names the field', async () => {
    const wrong = await answer(await apiJson(server, 'PUT', '/v20190125/meshes/shop', { meshName: 'shop', spec: {} }));
    assert.equal(wrong.status, 400, wrong.body);
    assert.equal(wrong.errorType, 'BadRequestException');
    assert.match(wrong.body, /meshName: is not a body field \(it belongs in the URL path\)/);
  });

  test('no request produced a 500', () => {
    assert.deepEqual(server.errors, []);
  });
});
