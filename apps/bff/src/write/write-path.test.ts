// The one write path: the console's bundle create and dry run follow the API's order of checks
// (conflict, references, quotas, the rest) and map findings to the same App Mesh errors.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateVirtualNodeCommand, LimitExceededException } from '@aws-sdk/client-app-mesh';
import { nodeSpec, shopBundle } from '../../../../testkit/appmesh-specs';
import { forEachStore } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';

interface ErrorBody {
  message: string;
  resource?: { kind: string; name: string };
  field?: string;
  findings?: { code: string }[];
}

const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));

forEachStore((variant) => {
  describe(`write path (${variant.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(variant, { config: { quotas: { meshes: 2, tagsPerResource: 3 } } });
    });
    after(async () => {
      await server?.close();
    });

    const post = async (path: string, body: unknown) => {
      const res = await apiRequest(server, `${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: (await res.json()) as ErrorBody & Record<string, unknown> };
    };

    test('a bundle whose mesh exists is a Conflict before its broken reference is a NotFound, as on the API', async () => {
      assert.equal((await post('/api/bundles', shopBundle('taken'))).status, 201);
      const bundle = shopBundle('taken');
      const route = bundle.routes[0];
      assert.ok(route);
      route.spec = { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'ghost', weight: 1 }] } } };
      const res = await post('/api/bundles', bundle);
      assert.equal(res.status, 409);
      assert.equal(res.type, 'ConflictException');
      assert.equal(res.body.message, 'a mesh named taken already exists');
      assert.equal(res.body.field, 'mesh.meshName');
      // Every error of the bundle comes along, so the console can show them all.
      assert.deepEqual(res.body.findings?.map((f) => f.code).sort(), ['mesh.exists', 'route.target-missing']);
    });

    test('the dry run reports the taken mesh name as the same finding the create refuses with', async () => {
      const res = await post('/api/bundles/validate', shopBundle('taken'));
      assert.equal(res.status, 200);
      assert.equal(res.body.valid, false);
      const findings = res.body.findings as { code: string; category: string; path: string; message: string }[];
      assert.deepEqual(findings.filter((f) => f.code === 'mesh.exists'), [
        { code: 'mesh.exists', severity: 'error', category: 'conflict', resource: { kind: 'mesh', name: 'taken' }, path: 'meshName', message: 'a mesh named taken already exists' },
      ]);
    });

    test('a bundle over a per-resource tag limit is a LimitExceeded naming the field; nothing is stored', async () => {
      const bundle = shopBundle('tagged');
      const node = bundle.virtualNodes[1];
      assert.ok(node);
      Object.assign(node, { tags: tags(4) });
      const res = await post('/api/bundles', bundle);
      assert.equal(res.status, 400);
      assert.equal(res.type, 'LimitExceededException');
      assert.equal(res.body.message, '4 tags exceed the limit of 3 per resource');
      assert.equal(res.body.field, 'virtualNodes[1].tags');
      assert.equal((await apiRequest(server, `/v20190125/meshes/tagged`)).status, 404);
    });

    test('the API create has the same tag limit, with the field in the message', async () => {
      await assert.rejects(
        server.client.send(new CreateVirtualNodeCommand({ meshName: 'taken', virtualNodeName: 'many-tags', spec: nodeSpec('m.taken.local'), tags: tags(4) })),
        (err: unknown) => err instanceof LimitExceededException && err.message === 'tags: 4 tags exceed the limit of 3 per resource',
      );
    });

    test('a bundle past the mesh quota is a LimitExceeded from the model\'s quota rule', async () => {
      assert.equal((await post('/api/bundles', shopBundle('second'))).status, 201);
      const res = await post('/api/bundles', shopBundle('third'));
      assert.equal(res.status, 400);
      assert.equal(res.type, 'LimitExceededException');
      assert.equal(res.body.message, '3 meshes exceed the limit of 2');
      assert.deepEqual(res.body.resource, { kind: 'mesh', name: 'third' });
      assert.equal((await apiRequest(server, `/v20190125/meshes/third`)).status, 404);
    });

    test('no request produced a 500', () => {
      assert.deepEqual(server.errors, []);
    });
  });
});
