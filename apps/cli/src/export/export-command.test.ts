import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer, useTestCredentialsInEnv } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { runImport } from '../import/import-command';
import { runExport } from './export-command';
import { apiRequest } from '../../../../testkit/http';

const seeded = JSON.parse(readFileSync(new URL('../../../../examples/import/cloudformation/color-app.bundle.json', import.meta.url), 'utf8')) as Record<string, unknown>;

async function run(command: typeof runExport, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
type Item = { spec?: unknown; tags?: unknown } & Record<string, unknown>;
/** A stored bundle keyed by resource, so order does not matter; tags optional (the CRDs have none). */
function specs(bundle: Record<string, unknown>, tags = true): Record<string, unknown> {
  const out: Record<string, unknown> = { mesh: (bundle.mesh as Item).spec ?? {} };
  for (const list of ['virtualNodes', 'virtualRouters', 'routes', 'virtualServices']) {
    for (const item of bundle[list] as Item[]) {
      const name = [item.virtualRouterName, item.routeName ?? item.virtualNodeName ?? item.virtualServiceName].filter(Boolean).join('/');
      out[`${list}:${name}`] = tags && item.tags ? { spec: item.spec, tags: item.tags } : { spec: item.spec };
    }
  }
  return out;
}
const stored = async (server: TestServer) => ((await (await apiRequest(server, `/api/meshes/colorapp/bundle`)).json()) as { bundle: Record<string, unknown> }).bundle;

let source: TestServer;
before(async () => {
  useTestCredentialsInEnv();
  source = await startTestServer(sqliteVariant);
  const res = await apiRequest(source, `/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(seeded) });
  assert.equal(res.status, 201);
});
after(async () => source.close());

for (const format of ['bundle', 'cloudformation', 'kubernetes', 'cli'] as const) {
  test(`round trip through --format ${format}: export, import, create in an empty server reproduces every spec`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mw-export-'));
    const out = format === 'cli' ? join(dir, 'cli') : join(dir, `mesh.${format === 'bundle' ? 'json' : 'yaml'}`);
    const exported = await run(runExport, '--endpoint', source.url, '--mesh', 'colorapp', '--format', format, '--out', out);
    assert.equal(exported.code, 0, exported.err);
    if (format === 'cli') assert.equal(readdirSync(out).length, 8);
    const target = await startTestServer(sqliteVariant);
    try {
      const imported = await run(runImport, out, '--apply', '--endpoint', target.url);
      assert.equal(imported.code, 0, imported.err);
      assert.deepEqual(specs(await stored(target), format !== 'kubernetes'), specs(await stored(source), format !== 'kubernetes'));
    } finally {
      await target.close();
    }
  });
}

test('exported Kubernetes says what the CRDs cannot hold; a missing mesh exits 1; missing flags exit 2', async () => {
  const k = await run(runExport, '--endpoint', source.url, '--mesh', 'colorapp', '--format', 'kubernetes');
  assert.match(k.err, /^note: virtualService colorteller\.colorapp\.local: tags are not part of the controller's VirtualService/m);
  assert.match(k.out, /^apiVersion: appmesh\.k8s\.aws\/v1beta2$/m);
  const missing = await run(runExport, '--endpoint', source.url, '--mesh', 'nope');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /NotFoundException/);
  assert.equal((await run(runExport, '--mesh', 'colorapp')).code, 2);
});
