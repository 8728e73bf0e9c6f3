// Console sessions: sign in with an access key, an HttpOnly SameSite=Strict cookie, CSRF token and
// same-origin Origin for every change, sign out, idle expiry (against the server's clock), and the
// audit of a refused sign-in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY, type TestServer } from '../../../../testkit/bff';
import { apiJson, apiRequest } from '../../../../testkit/http';
import { sqliteVariant } from '../../../../testkit/stores';

const emptyBundle = (meshName: string) => ({ mesh: { meshName }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [] });

describe('console sessions', () => {
  let server: TestServer;
  // The server's clock: moved forward to expire a session without waiting.
  let offset = 0;
  before(async () => {
    server = await startTestServer(sqliteVariant, { config: { auth: { masterKey: Buffer.alloc(32, 7), seedAdmin: { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY }, sessionIdleMs: 30 * 60_000 } }, deps: { clock: () => Date.now() + offset } });
  });
  after(async () => server?.close());

  const origin = () => server.url;
  /** A request as the console's own page makes it: the cookie, and no signature. */
  const asPage = (path: string, cookie: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}) =>
    apiJson(server, init.method ?? 'GET', path, init.body, { signAs: null, headers: { cookie, ...init.headers } });

  async function signIn(accessKeyId = TEST_ACCESS_KEY_ID, secretAccessKey = TEST_SECRET_ACCESS_KEY) {
    const res = await apiJson(server, 'POST', '/api/session', { accessKeyId, secretAccessKey }, { signAs: null, headers: { origin: origin() } });
    const setCookie = res.headers.get('set-cookie') ?? '';
    const body = (await res.json()) as { key?: { accessKeyId: string; role: string; meshes: string[]; name: string }; csrfToken?: string; message?: string };
    return { res, setCookie, body, cookie: setCookie.split(';')[0] ?? '' };
  }

  test('sign in: 200 with the key and a CSRF token, and an HttpOnly SameSite=Strict session cookie; GET /api/session answers the same', async () => {
    const { res, setCookie, body, cookie } = await signIn();
    assert.equal(res.status, 200);
    assert.deepEqual(body.key, { accessKeyId: TEST_ACCESS_KEY_ID, name: 'admin (seeded)', role: 'admin', meshes: [] });
    assert.match(body.csrfToken ?? '', /^[\w-]{20,}$/);
    assert.match(setCookie, /^meshwright_session=[\w-]{40,}; HttpOnly; SameSite=Strict; Path=\/$/, 'no Secure over plain HTTP');
    const again = await asPage('/api/session', cookie);
    assert.equal(again.status, 200);
    assert.deepEqual(await again.json(), { key: body.key, csrfToken: body.csrfToken });
    assert.equal((await asPage('/api/meshes/none/bundle', cookie)).status, 404, 'reads work with the cookie alone');
  });

  test('wrong credentials: 401 with a message, no cookie, and the refusal is audited', async () => {
    const { res, setCookie, body } = await signIn(TEST_ACCESS_KEY_ID, 'not-the-secret');
    assert.equal(res.status, 401);
    assert.equal(setCookie, '');
    assert.match(body.message ?? '', /access key ID or secret access key is wrong/);
    assert.equal((await apiRequest(server, '/api/session', { signAs: null })).status, 401, 'not signed in');
    const { events } = (await (await apiRequest(server, '/api/audit?operation=console:SignIn&outcome=UnauthorizedException', { signingDate: new Date(Date.now() + offset) })).json()) as { events: { accessKeyId: string }[] };
    assert.equal(events[0]?.accessKeyId, TEST_ACCESS_KEY_ID);
  });

  test('a change with the cookie needs the CSRF token and this server\u2019s Origin', async () => {
    const { cookie, body } = await signIn();
    const csrf = body.csrfToken ?? '';
    const noToken = await asPage('/api/bundles', cookie, { method: 'POST', body: emptyBundle('no-token'), headers: { origin: origin() } });
    assert.equal(noToken.status, 403);
    assert.match(((await noToken.json()) as { message: string }).message, /x-csrf-token/);
    const wrongToken = await asPage('/api/bundles', cookie, { method: 'POST', body: emptyBundle('wrong-token'), headers: { origin: origin(), 'x-csrf-token': `${csrf}x` } });
    assert.equal(wrongToken.status, 403);
    const noOrigin = await asPage('/api/bundles', cookie, { method: 'POST', body: emptyBundle('no-origin'), headers: { 'x-csrf-token': csrf } });
    assert.equal(noOrigin.status, 403);
    const foreign = await asPage('/api/bundles', cookie, { method: 'POST', body: emptyBundle('foreign'), headers: { origin: 'http://evil.example', 'x-csrf-token': csrf } });
    assert.equal(foreign.status, 403);
    const ok = await asPage('/api/bundles', cookie, { method: 'POST', body: emptyBundle('from-console'), headers: { origin: origin(), 'x-csrf-token': csrf } });
    assert.equal(ok.status, 201, await ok.clone().text());
    for (const name of ['no-token', 'wrong-token', 'no-origin', 'foreign']) assert.equal((await apiRequest(server, `/v20190125/meshes/${name}`, { signingDate: new Date(Date.now() + offset) })).status, 404, name);
  });

  test('a viewer signed in to the console cannot change anything', async () => {
    const viewer = await server.keys.create({ role: 'viewer' });
    const { cookie, body } = await signIn(viewer.accessKeyId, viewer.secretAccessKey);
    assert.equal(body.key?.role, 'viewer');
    const res = await asPage('/api/bundles', cookie, { method: 'POST', body: emptyBundle('by-viewer'), headers: { origin: origin(), 'x-csrf-token': body.csrfToken ?? '' } });
    assert.equal(res.status, 403);
    assert.match(((await res.json()) as { message: string }).message, /console:CreateMeshFromBundle on mesh by-viewer: viewer keys only read/);
  });

  test('sign out: 204, the cookie is cleared and no longer works', async () => {
    const { cookie } = await signIn();
    const res = await asPage('/api/session', cookie, { method: 'DELETE', headers: { origin: origin() } });
    assert.equal(res.status, 204);
    assert.match(res.headers.get('set-cookie') ?? '', /^meshwright_session=; .*Max-Age=0/);
    assert.equal((await asPage('/api/session', cookie)).status, 401);
    const after = await asPage('/api/meshes/none/bundle', cookie);
    assert.equal(after.status, 401);
    assert.equal(after.headers.get('x-amzn-errortype'), 'UnauthorizedException');
  });

  test('a session unused for longer than the idle time has expired; one in use lives on', async () => {
    const idle = await signIn();
    const busy = await signIn();
    offset += 20 * 60_000;
    assert.equal((await asPage('/api/session', busy.cookie)).status, 200);
    offset += 20 * 60_000;
    assert.equal((await asPage('/api/session', idle.cookie)).status, 401, '40 minutes idle');
    assert.equal((await asPage('/api/meshes/none/bundle', idle.cookie)).status, 401);
    assert.equal((await asPage('/api/session', busy.cookie)).status, 200, '20 minutes idle');
  });

  test('no request produced a 500', () => {
    assert.deepEqual(server.errors, []);
  });
});
