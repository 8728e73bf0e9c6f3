import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { runImport } from '../import/import-command';
import { runExport } from './export-command';

const example = (p: string) => JSON.parse(readFileSync(new URL(`../../../../examples/import/${p}`, import.meta.url), 'utf8')) as Record<string, unknown>;
// The color app, and a mesh whose gateway has three listeners (TLS among them), logging and routes of every kind.
const seeded = { colorapp: example('cloudformation/color-app.bundle.json'), 'front-door': example('gateways/front-door.bundle.json') };

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
  for (const list of ['virtualNodes', 'virtualRouters', 'routes', 'virtualServices', 'virtualGateways', 'gatewayRoutes']) {
    for (const item of bundle[list] as Item[]) {
      const own = item.routeName ?? item.gatewayRouteName ?? item.virtualNodeName ?? item.virtualServiceName ?? item.virtualGatewayName;
      const parent = list === 'routes' ? item.virtualRouterName : list === 'gatewayRoutes' ? item.virtualGatewayName : undefined;
      const name = [parent, own].filter(Boolean).join('/');
      out[`${list}:${name}`] = tags && item.tags ? { spec: item.spec, tags: item.tags } : { spec: item.spec };
    }
  }
  return out;
}
const stored = async (server: TestServer, mesh: string) => ((await (await fetch(`${server.url}/api/meshes/${mesh}/bundle`)).json()) as { bundle: Record<string, unknown> }).bundle;

let source: TestServer;
before(async () => {
  source = await startTestServer(sqliteVariant);
  for (const bundle of Object.values(seeded)) {
    const res = await fetch(`${source.url}/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bundle) });
    assert.equal(res.status, 201, await res.text());
  }
});
after(async () => source.close());

const files = { colorapp: 10, 'front-door': 12 };
for (const mesh of ['colorapp', 'front-door'] as const) {
  for (const format of ['bundle', 'cloudformation', 'kubernetes', 'cli'] as const) {
    test(`${mesh}: round trip through --format ${format}: export, import, create in an empty server reproduces every spec`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'mw-export-'));
      const out = format === 'cli' ? join(dir, 'cli') : join(dir, `mesh.${format === 'bundle' ? 'json' : 'yaml'}`);
      const exported = await run(runExport, '--endpoint', source.url, '--mesh', mesh, '--format', format, '--out', out);
      assert.equal(exported.code, 0, exported.err);
      if (format === 'cli') assert.equal(readdirSync(out).length, files[mesh]);
      const target = await startTestServer(sqliteVariant);
      try {
        const imported = await run(runImport, out, '--apply', '--endpoint', target.url);
        assert.equal(imported.code, 0, imported.err);
        const before = specs(await stored(source, mesh), format !== 'kubernetes');
        assert.deepEqual(specs(await stored(target, mesh), format !== 'kubernetes'), before);
        assert.equal(Object.keys(before).filter((k) => k.startsWith('gatewayRoutes:')).length, mesh === 'colorapp' ? 1 : 6);
      } finally {
        await target.close();
      }
    });
  }
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
