// readBody reads the plain case (UTF-8 JSON with a Content-Length) itself and leaves everything else to
// body-parser. The two must answer alike: each body is sent both ways, once as `application/json` (the
// plain reader) and once with a quoted charset parameter, which only body-parser takes, and the
// answers (status, error type, message, what was stored) are compared.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';

const PLAIN = 'application/json';
const BODY_PARSER = 'application/json; charset="utf-8"';

describe('the plain body reader answers as body-parser does', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(sqliteVariant);
    await apiRequest(server, '/v20190125/meshes', { method: 'PUT', headers: { 'content-type': PLAIN }, body: JSON.stringify({ meshName: 'shop' }) });
  });
  after(async () => {
    await server?.close();
  });

  async function send(contentType: string, body: (name: string) => string | Uint8Array, name: string) {
    const res = await apiRequest(server, '/v20190125/meshes/shop/virtualNodes', { method: 'PUT', headers: { 'content-type': contentType }, body: body(name) });
    const text = await res.text();
    const stored = await apiRequest(server, `/v20190125/meshes/shop/virtualNodes/${name}`);
    // The names, ids and times differ between the two sends; everything else must not.
    const same = text.replaceAll(name, '<name>').replace(/"uid":"[^"]*"/, '"uid":""').replace(/"(createdAt|lastUpdatedAt)":[\d.]+/g, '"$1":0');
    return { status: res.status, type: res.headers.get('x-amzn-errortype'), text: same, stored: stored.status };
  }

  const node = (name: string) => JSON.stringify({ virtualNodeName: name, spec: {} });
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const cases: [string, (name: string) => string | Uint8Array][] = [
    ['a valid create', node],
    ['a valid create with a byte order mark', (n) => `\ufeff${node(n)}`],
    ['a name with characters beyond ASCII', (n) => JSON.stringify({ virtualNodeName: `${n}-é`, spec: {} })],
    ['malformed JSON', (n) => `{"virtualNodeName": "${n}", "spec": {`],
    ['trailing garbage', (n) => `${node(n)} x`],
    ['a JSON string', () => '"web"'],
    ['a JSON array', () => '[1, 2]'],
    ['null', () => 'null'],
    ['a key given twice', (n) => `{"virtualNodeName": "${n}", "spec": {}, "virtualNodeName": "${n}x"}`],
    ['bytes that are not UTF-8', (n) => new Uint8Array([...utf8(`{"virtualNodeName": "${n}`), 0xff, 0xfe, ...utf8('", "spec": {}}')])],
    ['only whitespace', () => '   '],
  ];
  let seq = 0;
  for (const [what, body] of cases) {
    test(`${what}: the same answer both ways`, async () => {
      seq++;
      const plain = await send(PLAIN, body, `p${seq}`);
      const parsed = await send(BODY_PARSER, body, `b${seq}`);
      assert.deepEqual(plain, parsed);
      assert.notEqual(plain.status, 500);
    });
  }
});
