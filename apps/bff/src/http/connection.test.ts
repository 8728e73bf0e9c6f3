// What arrives on one raw connection: transfer codings Node does not decode are refused, and bytes
// that cannot be parsed after a valid write never replace that write's answer.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, TEST_CREDENTIALS, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';
import { signedHeaders } from '../../../../testkit/sign';

/** A signed request head (Host 127.0.0.1) with these extra headers, ready for the wire. */
async function head(method: string, path: string, body: string, extra: Record<string, string>): Promise<string> {
  const headers = await signedHeaders(TEST_CREDENTIALS, { method, url: new URL(`http://127.0.0.1${path}`), headers: { 'content-type': 'application/json', ...extra }, body });
  return `${method} ${path} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** Writes raw bytes and collects everything the server sends until it closes the connection. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (got += d));
    socket.on('end', () => resolve(got));
    socket.on('error', reject);
    socket.write(bytes);
    setTimeout(() => socket.end(), 1500);
  });
}

describe('one HTTP connection', () => {
  let server: TestServer;
  let port: number;
  before(async () => {
    server = await startTestServer(sqliteVariant);
    port = Number(new URL(server.url).port);
  });
  after(async () => {
    await server?.close();
  });

  const put = async (name: string) => {
    const body = JSON.stringify({ meshName: name });
    return `${await head('PUT', '/v20190125/meshes', body, { 'content-length': String(body.length) })}${body}`;
  };

  test('a committed write followed by malformed bytes answers 200 first, then a 400 for the garbage', async () => {
    for (let i = 0; i < 10; i++) {
      const text = await exchange(port, `${await put(`pipelined-${i}`)}\x00\x01 NOT HTTP\r\n\r\n`);
      assert.match(text, /^HTTP\/1\.1 200 OK/, `try ${i}: ${text.slice(0, 80)}`);
      assert.match(text, /"meshName":"pipelined-/);
      assert.match(text, /HTTP\/1\.1 400 Bad Request[\s\S]*x-amzn-ErrorType: BadRequestException/);
    }
    const res = await apiRequest(server, '/v20190125/meshes/pipelined-9');
    assert.equal(res.status, 200);
  });

  test('Transfer-Encoding "gzip, chunked" with a plain body is a 400 naming the coding; nothing is created', async () => {
    const body = JSON.stringify({ meshName: 'te-gzip' });
    const chunked = `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const text = await exchange(port, `${await head('PUT', '/v20190125/meshes', body, { 'transfer-encoding': 'gzip, chunked', connection: 'close' })}${chunked}`);
    assert.match(text, /^HTTP\/1\.1 400/);
    assert.match(text, /Transfer-Encoding \\"gzip, chunked\\" is not supported/);
    assert.equal((await apiRequest(server, '/v20190125/meshes/te-gzip')).status, 404);
  });

  test('plain chunked transfer is accepted', async () => {
    const body = JSON.stringify({ meshName: 'te-chunked' });
    const text = await exchange(port, `${await head('PUT', '/v20190125/meshes', body, { 'transfer-encoding': 'chunked', connection: 'close' })}${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
    assert.match(text, /^HTTP\/1\.1 200/);
  });

  test('no request produced a 500', () => {
    assert.deepEqual(server.errors, []);
  });
});
