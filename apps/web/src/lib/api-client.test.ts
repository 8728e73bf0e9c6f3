import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createServer, type Server } from 'node:http';
import { apiRequest, ApiError, setCsrfToken, setUnauthorizedHandler } from './api-client';

// A tiny server that answers like the BFF: App Mesh errors carry x-amzn-ErrorType and {message},
// bundle errors add resource and field.
let server: Server;
let base = '';
before(async () => {
  server = createServer((req, res) => {
    if (req.url === '/conflict') {
      res.writeHead(409, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ConflictException' });
      res.end(JSON.stringify({ message: 'a mesh named shop already exists', resource: { kind: 'mesh', name: 'shop' }, field: 'mesh.meshName' }));
    } else if (req.url === '/expired') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'the session has ended: sign in again' }));
    } else if (req.url === '/forbidden') {
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'ForbiddenException' });
      res.end(JSON.stringify({ message: 'viewer key v1 is not allowed to UpdateVirtualNode in mesh shop' }));
    } else if (req.url === '/no-cookie') {
      res.writeHead(403, { 'content-type': 'application/json', 'x-amzn-ErrorType': 'MissingAuthenticationTokenException' });
      res.end(JSON.stringify({ message: 'Missing Authentication Token' }));
    } else if (req.url === '/plain') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('boom');
    } else {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'] ?? null, csrf: req.headers['x-csrf-token'] ?? null, body: body ? (JSON.parse(body) as unknown) : null }));
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
  assert.deepEqual(echo, { method: 'PUT', type: 'application/json', csrf: null, body: { spec: {} } });
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

test('every state-changing request carries the session\'s CSRF token; reads do not need it', async () => {
  setCsrfToken('tok-1');
  try {
    for (const method of ['PUT', 'POST', 'DELETE'] as const) {
      const echo = await apiRequest<{ csrf: string | null }>(`${base}/echo`, { method });
      assert.equal(echo.csrf, 'tok-1', method);
    }
    assert.equal((await apiRequest<{ csrf: string | null }>(`${base}/echo`)).csrf, null);
  } finally {
    setCsrfToken(undefined);
  }
});

test('a 401 (or no credentials at all) reports the ended session, except for the sign-in call and answers to an older session', async () => {
  let reported = 0;
  setUnauthorizedHandler(() => (reported += 1));
  try {
    setCsrfToken('tok-1');
    await assert.rejects(apiRequest(`${base}/expired`), (e: unknown) => e instanceof ApiError && e.status === 401 && /sign in again/.test(e.message));
    assert.equal(reported, 1);
    await assert.rejects(apiRequest(`${base}/expired`, { method: 'POST', reportUnauthorized: false }));
    assert.equal(reported, 1);
    // The cookie gone altogether (signed out in another tab): AWS's 403 for no credentials.
    await assert.rejects(apiRequest(`${base}/no-cookie`), (e: unknown) => e instanceof ApiError && e.status === 403);
    assert.equal(reported, 2);
    // Sent under tok-1, answered after the user signed in again (tok-2): not this session's end.
    const late = apiRequest(`${base}/expired`);
    setCsrfToken('tok-2');
    await assert.rejects(late);
    assert.equal(reported, 2);
  } finally {
    setUnauthorizedHandler(undefined);
    setCsrfToken(undefined);
  }
});

test('a ForbiddenException keeps the server\'s words and does not end the session', async () => {
  let reported = 0;
  setUnauthorizedHandler(() => (reported += 1));
  try {
    await assert.rejects(apiRequest(`${base}/forbidden`, { method: 'PUT', body: {} }), (e: unknown) => {
      assert.ok(e instanceof ApiError);
      assert.equal(e.isForbidden, true);
      assert.equal(e.type, 'ForbiddenException');
      assert.match(e.message, /not allowed to UpdateVirtualNode in mesh shop/);
      return true;
    });
    assert.equal(reported, 0);
  } finally {
    setUnauthorizedHandler(undefined);
  }
});
