// Every App Mesh and console request is authenticated: the SDK signs with meshwright-issued keys and
// works; unsigned, unknown-key, wrong-secret, stale and tampered requests are refused with AWS's error
// types (HTTP 403). Roles: editors write only their meshes, viewers only read. Keys are issued and
// deleted through the API; secrets are encrypted at rest. Both stores.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { CreateMeshCommand, CreateVirtualNodeCommand, DeleteMeshCommand, ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import { nodeSpec } from '../../../../testkit/appmesh-specs';
import { appMeshClient, startTestServer, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY, type TestServer } from '../../../../testkit/bff';
import { apiJson, apiRequest } from '../../../../testkit/http';
import { forEachStore } from '../../../../testkit/stores';

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
};

forEachStore((variant) => {
  describe(`authentication and roles (${variant.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(variant);
      await server.client.send(new CreateMeshCommand({ meshName: 'alpha' }));
      await server.client.send(new CreateMeshCommand({ meshName: 'beta' }));
    });
    after(async () => server?.close());

    test('the SDK signed with the admin key works; unsigned, unknown key and wrong secret are refused with 403', async () => {
      assert.deepEqual(((await server.client.send(new ListMeshesCommand({}))).meshes ?? []).map((m) => m.meshName), ['alpha', 'beta']);
      const unsigned = await apiRequest(server, '/v20190125/meshes', { signAs: null });
      assert.equal(unsigned.status, 403);
      assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
      assert.match(((await unsigned.json()) as { message: string }).message, /Missing Authentication Token/);
      const unknown = await errorOf(appMeshClient(server.url, { accessKeyId: 'MWNOSUCHKEY000000000', secretAccessKey: TEST_SECRET_ACCESS_KEY }).send(new ListMeshesCommand({})));
      assert.deepEqual([unknown.name, unknown.status], ['UnrecognizedClientException', 403]);
      assert.match(unknown.message, /The security token included in the request is invalid/);
      const wrong = await errorOf(appMeshClient(server.url, { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: 'wrong-secret-0000000000000000000000000000' }).send(new CreateMeshCommand({ meshName: 'nope' })));
      assert.deepEqual([wrong.name, wrong.status], ['InvalidSignatureException', 403]);
      assert.match(wrong.message, /signature we calculated does not match/);
      const garbage = await apiRequest(server, '/v20190125/meshes', { signAs: null, headers: { authorization: 'Bearer nonsense' } });
      assert.equal(garbage.status, 403);
      assert.equal(garbage.headers.get('x-amzn-errortype'), 'IncompleteSignatureException');
      assert.equal((await apiRequest(server, '/v20190125/meshes/nope')).status, 404, 'nothing was created');
    });

    test('a signature older than 15 minutes and a body changed after signing are refused', async () => {
      const stale = await apiRequest(server, '/v20190125/meshes', { signingDate: new Date(Date.now() - 20 * 60_000) });
      assert.equal(stale.status, 403);
      assert.equal(stale.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
      assert.match(((await stale.json()) as { message: string }).message, /Signature expired/);
      // Signed for one body, sent with another: the payload hash no longer matches.
      const { signedHeaders } = await import('../../../../testkit/sign');
      const url = new URL('/v20190125/meshes', server.url);
      const headers = await signedHeaders({ accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: TEST_SECRET_ACCESS_KEY }, { method: 'PUT', url, headers: { 'content-type': 'application/json' }, body: '{"meshName":"signed"}' });
      delete headers.host;
      const tampered = await fetch(url, { method: 'PUT', headers, body: '{"meshName":"evil!"}' });
      assert.equal(tampered.status, 403);
      assert.equal(tampered.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
      assert.equal((await apiRequest(server, '/v20190125/meshes/evil!')).status, 404);
    });

    test('the console API needs authentication too; /healthz does not', async () => {
      for (const path of ['/api/meshes/alpha/bundle', '/api/openapi.json', '/api/keys', '/api/audit']) {
        const res = await apiRequest(server, path, { signAs: null });
        assert.equal(res.status, 403, path);
        assert.equal(res.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException');
      }
      const bundle = await apiJson(server, 'POST', '/api/bundles', { mesh: { meshName: 'unsigned' } }, { signAs: null });
      assert.equal(bundle.status, 403);
      assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
    });

    test('an editor writes its own mesh and is refused on another with ForbiddenException naming the action and mesh', async () => {
      const editor = appMeshClient(server.url, await server.keys.create({ role: 'editor', meshes: ['alpha'] }));
      await editor.send(new CreateVirtualNodeCommand({ meshName: 'alpha', virtualNodeName: 'web', spec: nodeSpec('web.alpha.local') }));
      const refused = await errorOf(editor.send(new CreateVirtualNodeCommand({ meshName: 'beta', virtualNodeName: 'web', spec: nodeSpec('web.beta.local') })));
      assert.deepEqual([refused.name, refused.status], ['ForbiddenException', 403]);
      assert.match(refused.message, /appmesh:CreateVirtualNode on mesh beta/);
      assert.match((await errorOf(editor.send(new CreateMeshCommand({ meshName: 'gamma' })))).message, /appmesh:CreateMesh on mesh gamma/);
      assert.deepEqual(((await editor.send(new ListMeshesCommand({}))).meshes ?? []).map((m) => m.meshName), ['alpha'], 'ListMeshes shows only its meshes');
      const otherBundle = await apiJson(server, 'GET', '/api/meshes/beta/bundle', undefined, { signAs: await server.keys.create({ role: 'editor', meshes: ['alpha'] }) });
      assert.equal(otherBundle.status, 403);
    });

    test('a viewer reads every mesh and changes none', async () => {
      const creds = await server.keys.create({ role: 'viewer' });
      const viewer = appMeshClient(server.url, creds);
      assert.deepEqual(((await viewer.send(new ListMeshesCommand({}))).meshes ?? []).map((m) => m.meshName).sort(), ['alpha', 'beta']);
      const refused = await errorOf(viewer.send(new DeleteMeshCommand({ meshName: 'beta' })));
      assert.equal(refused.name, 'ForbiddenException');
      assert.match(refused.message, /appmesh:DeleteMesh on mesh beta: viewer keys only read/);
      const bundle = await apiJson(server, 'POST', '/api/bundles', { mesh: { meshName: 'viewer-made' }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [] }, { signAs: creds });
      assert.equal(bundle.status, 403);
      assert.equal((await apiRequest(server, '/api/keys', { signAs: creds })).status, 403, 'only admins see keys');
      assert.equal((await apiRequest(server, '/api/audit', { signAs: creds })).status, 403, 'only admins read the audit trail');
    });

    test('keys: created with the secret once, listed without it, deleted and then refused; the last admin stays', async () => {
      const res = await apiJson(server, 'POST', '/api/keys', { name: 'ci', role: 'editor', meshes: ['alpha'] });
      assert.equal(res.status, 201);
      const made = (await res.json()) as { key: { accessKeyId: string; role: string; meshes: string[] }; secretAccessKey: string };
      assert.match(made.key.accessKeyId, /^MW[A-Z2-7]{18}$/);
      assert.equal(made.secretAccessKey.length, 40);
      const listed = await (await apiRequest(server, '/api/keys')).text();
      assert.ok(listed.includes(made.key.accessKeyId) && !listed.includes(made.secretAccessKey), 'the list never shows a secret');
      const bad = await apiJson(server, 'POST', '/api/keys', { name: 'x', role: 'editor' });
      assert.equal(bad.status, 400);
      assert.match(((await bad.json()) as { message: string }).message, /meshes.*at least one mesh/);

      const client = appMeshClient(server.url, { accessKeyId: made.key.accessKeyId, secretAccessKey: made.secretAccessKey });
      await client.send(new ListMeshesCommand({}));
      assert.equal((await apiRequest(server, `/api/keys/${made.key.accessKeyId}`, { method: 'DELETE' })).status, 204);
      assert.equal((await errorOf(client.send(new ListMeshesCommand({})))).name, 'UnrecognizedClientException');
      const last = await apiRequest(server, `/api/keys/${TEST_ACCESS_KEY_ID}`, { method: 'DELETE' });
      assert.equal(last.status, 409);
    });

    test('secrets are encrypted at rest: the database holds no plain secret', async () => {
      const { secretAccessKey } = await server.keys.create({ role: 'viewer', name: 'at-rest' });
      const dump = await databaseText(server, variant.name);
      assert.ok(dump.includes('at-rest'), 'the dump holds the key rows');
      assert.ok(!dump.includes(secretAccessKey) && !dump.includes(TEST_SECRET_ACCESS_KEY), 'no secret in the clear');
    });

    test('the audit trail records writes and refused authentications, with filters', async () => {
      await server.client.send(new CreateMeshCommand({ meshName: 'audited' }));
      await apiRequest(server, '/v20190125/meshes', { signAs: { accessKeyId: 'MWCLAIMED00000000000', secretAccessKey: 'whatever-whatever' } });
      const events = async (query: string) =>
        ((await (await apiRequest(server, `/api/audit${query}`)).json()) as { events: { accessKeyId: string; operation: string; outcome: string; mesh: string; resource: string; requestId: string }[] }).events;
      const [created] = await events('?operation=appmesh:CreateMesh&mesh=audited');
      assert.ok(created, 'the CreateMesh is recorded');
      assert.equal(created.accessKeyId, TEST_ACCESS_KEY_ID);
      assert.equal(created.outcome, 'ok');
      assert.equal(created.resource, 'arn:aws:appmesh:us-west-2:123456789012:mesh/audited');
      assert.match(created.requestId, /^[0-9a-f-]{36}$/);
      const refused = await events('?key=MWCLAIMED00000000000');
      assert.deepEqual(refused.map((e) => e.outcome), ['UnrecognizedClientException']);
      assert.ok((await events('?outcome=ForbiddenException')).length >= 1, 'the editor and viewer refusals are there');
      assert.deepEqual(await events(`?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`), []);
      assert.equal((await events('?limit=1')).length, 1);
      assert.ok(server.auditLines.some((l) => (JSON.parse(l) as { audit: { requestId: string } }).audit.requestId === created.requestId), 'and written to the log as JSON');
      const bad = await apiRequest(server, '/api/audit?limit=0');
      assert.equal(bad.status, 400);
    });

    test('no request produced a 500', () => {
      assert.deepEqual(server.errors, []);
    });
  });
});

/** Everything the database holds, as text: SQLite's files byte for byte, PostgreSQL's key rows. */
async function databaseText(server: TestServer, variant: string): Promise<string> {
  if (variant === 'postgres') {
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await client.connect();
    try {
      const schema = (await client.query<{ s: string }>("SELECT nspname AS s FROM pg_namespace WHERE nspname LIKE 'mw_test_%' ORDER BY oid DESC")).rows;
      const texts: string[] = [];
      for (const { s } of schema) texts.push(JSON.stringify((await client.query(`SELECT * FROM "${s}".access_keys`).catch(() => ({ rows: [] }))).rows));
      return texts.join('\n');
    } finally {
      await client.end();
    }
  }
  const dir = server.dataDir;
  if (dir === undefined) throw new Error('no SQLite folder');
  return readdirSync(dir).map((f) => readFileSync(`${dir}/${f}`).toString('latin1')).join('\n');
}
