// Bad input over raw HTTP: always a 400 App Mesh error naming the problem, never a 500, nothing stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';

describe('bad input to the App Mesh API', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(sqliteVariant);
    await apiRequest(server, `/v20190125/meshes`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ meshName: 'shop' }) });
  });
  after(async () => {
    await server?.close();
  });

  async function put(path: string, body: string): Promise<{ status: number; type: string | null; message: string; text: string }> {
    const res = await apiRequest(server, `/v20190125${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    const parsed = JSON.parse(text) as { message?: string };
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), message: parsed.message ?? '', text };
  }

  async function nodeNames(): Promise<string[]> {
    const res = await apiRequest(server, `/v20190125/meshes/shop/virtualNodes`);
    const body = (await res.json()) as { virtualNodes: { virtualNodeName: string }[] };
    return body.virtualNodes.map((n) => n.virtualNodeName);
  }

  const cases: [string, string, RegExp][] = [
    ['malformed JSON', '{"virtualNodeName": "web", "spec": {', /not valid JSON/],
    ['a JSON array instead of an object', '[1, 2]', /must be a JSON object/],
    ['an unknown field', JSON.stringify({ virtualNodeName: 'web', spec: {}, colour: 'blue' }), /colour: is not a known field/],
    ['an unknown nested field', JSON.stringify({ virtualNodeName: 'web', spec: { listeners: [{ portMapping: { port: 80, protocol: 'http', extra: 1 } }] } }), /spec\.listeners\[0\]\.portMapping\.extra: is not a known field/],
    ['a prototype-named field', '{"virtualNodeName": "web", "spec": {}, "constructor": 1}', /constructor: is not a known field/],
    ['a wrong type', JSON.stringify({ virtualNodeName: 42, spec: {} }), /virtualNodeName: must be a string/],
    ['port 70000', JSON.stringify({ virtualNodeName: 'web', spec: { listeners: [{ portMapping: { port: 70000, protocol: 'http' } }] } }), /spec\.listeners\[0\]\.portMapping\.port: must be a whole number from 1 to 65535/],
    ['a missing required member', JSON.stringify({ virtualNodeName: 'web' }), /spec: is required/],
    ['a URL member in the body', JSON.stringify({ meshName: 'other', virtualNodeName: 'web', spec: {} }), /meshName: is not a body field/],
    ['a NUL in a name', JSON.stringify({ virtualNodeName: 'a\u0000b', spec: {} }), /virtualNodeName: must not contain control characters/],
    ['a lone surrogate in a name', JSON.stringify({ virtualNodeName: '\ud800x', spec: {} }), /virtualNodeName: must be valid Unicode text/],
    ['an access log outside the allowed roots', JSON.stringify({ virtualNodeName: 'web', spec: { logging: { accessLog: { file: { path: '/etc/cron.d/x' } } } } }), /spec\.logging\.accessLog\.file\.path.*outside the allowed roots.*\/var\/log\/envoy/],
    ['an access log path that climbs out of its root', JSON.stringify({ virtualNodeName: 'web', spec: { logging: { accessLog: { file: { path: '/var/log/envoy/../../../root/.ssh/authorized_keys' } } } } }), /without "\.\."/],
    ['a key given twice', '{"virtualNodeName": "web", "spec": {}, "virtualNodeName": "other"}', /virtualNodeName: appears twice in the request body/],
    ['a 2 MiB body', JSON.stringify({ virtualNodeName: 'web', spec: {}, pad: 'x'.repeat(2 * 1024 * 1024) }), /larger than the 1 MiB limit/],
  ];
  for (const [what, body, message] of cases) {
    test(`${what}: 400 BadRequestException, nothing stored`, async () => {
      const res = await put('/meshes/shop/virtualNodes', body);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.type, 'BadRequestException');
      assert.match(res.message, message);
      assert.doesNotMatch(res.text, /at \w+ \(|node_modules|\.ts:\d+/, 'no stack trace in the response');
      assert.deepEqual(await nodeNames(), []);
    });
  }

  test('a name longer than 255 characters in the URL is named', async () => {
    const res = await apiRequest(server, `/v20190125/meshes/${'m'.repeat(256)}`);
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /meshName: must be 1 to 255 characters long/);
  });

  test('an unknown App Mesh path is a NotFoundException, not an HTML page', async () => {
    const res = await apiRequest(server, `/v20190125/nothing-here`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-errortype'), 'NotFoundException');
  });

  for (const [method, path] of [
    ['GET', '/v20190125/meshes/%ZZ'],
    ['DELETE', '/v20190125/meshes/%E0%A4%A'],
    ['GET', '/api/meshes/%ZZ/bundle'],
  ] as const) {
    test(`${method} ${path}: a URL that is not valid percent-encoding is a 400`, async () => {
      const res = await apiRequest(server, `${path}`, { method });
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('x-amzn-errortype'), 'BadRequestException');
      assert.match(((await res.json()) as { message: string }).message, /URL path is not valid percent-encoding/);
    });
  }

  async function sendEncoded(path: string, method: string, encoding: string, body: Buffer | string) {
    const res = await apiRequest(server, `${path}`, { method, headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body });
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), message: ((await res.json()) as { message?: string }).message ?? '' };
  }

  for (const [path, method] of [
    ['/v20190125/meshes', 'PUT'],
    ['/api/bundles', 'POST'],
  ] as const) {
    for (const encoding of ['gzip', 'br', 'deflate']) {
      test(`${method} ${path} with Content-Encoding ${encoding} but a plain body: 400 naming the encoding`, async () => {
        const res = await sendEncoded(path, method, encoding, JSON.stringify({ meshName: 'plain' }));
        assert.equal(res.status, 400, res.message);
        assert.equal(res.type, 'BadRequestException');
        assert.match(res.message, new RegExp(`request body is not valid ${encoding} data`));
      });
    }
  }

  test('an unsupported Content-Encoding is a 400 naming it; a really gzipped body is accepted', async () => {
    const res = await sendEncoded('/v20190125/meshes', 'PUT', 'compress', JSON.stringify({ meshName: 'plain' }));
    assert.equal(res.status, 400, res.message);
    assert.equal(res.type, 'BadRequestException');
    assert.match(res.message, /Content-Encoding "compress" is not supported/);
    const ok = await sendEncoded('/v20190125/meshes', 'PUT', 'gzip', gzipSync(JSON.stringify({ meshName: 'zipped' })));
    assert.equal(ok.status, 200, ok.message);
    const meshes = (await (await apiRequest(server, `/v20190125/meshes`)).json()) as { meshes: { meshName: string }[] };
    assert.deepEqual(meshes.meshes.map((m) => m.meshName).sort(), ['shop', 'zipped']);
  });

  test('no request produced a 500', () => {
    assert.deepEqual(server.errors, []);
  });
});
