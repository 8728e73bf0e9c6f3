import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createServer, type Server } from 'node:http';
import { apiRequest, ApiError } from './api-client';

// A tiny server that answers like the BFF: App Mesh errors carry x-amzn-ErrorType and {message},
// bundle errors add resource and field.
let server: Server;
let base = '';
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/conflict') {
      res.writeHead(409, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ConflictException' });
      res.end(JSON.stringify({ message: 'a mesh named shop already exists', resource: { kind: 'mesh', name: 'shop' }, field: 'mesh.meshName' }));
    } else if (req.url === '/plain') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    } else {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, body: body ? (JSON.parse(body) as unknown) : null }));
      });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

test('JSON goes out and comes back parsed', async () => {
  const echo = await apiRequest<{ method: string; type: string; body: unknown }>(`${base}/echo`, { method: 'PUT', body: { spec: {} } });
  assert.deepEqual(echo, { method: 'PUT', type: 'application/json', body: { spec: {} } });
});

test('an App Mesh error becomes an ApiError with type, message, resource and field', async () => {
  await assert.rejects(apiRequest(`${base}/conflict`), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 409);
    assert.equal(e.type, 'ConflictException');
    assert.equal(e.message, 'a mesh named shop already exists');
    assert.deepEqual(e.resource, { kind: 'mesh', name: 'shop' });
    assert.equal(e.field, 'mesh.meshName');
    assert.equal(e.isClientError, true);
    return true;
  });
});

test('a non-JSON error and an unreachable server still give a readable ApiError', async () => {
  await assert.rejects(apiRequest(`${base}/plain`), (e: unknown) => e instanceof ApiError && e.status === 500 && e.type === 'HTTP500' && !e.isClientError);
  await assert.rejects(apiRequest('http://127.0.0.1:1/nothing'), (e: unknown) => e instanceof ApiError && e.status === 0 && /could not be reached/.test(e.message));
});
