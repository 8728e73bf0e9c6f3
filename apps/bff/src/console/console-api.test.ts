// The console endpoints under /api: bundle dry run, atomic create, read back, analysis, Envoy download
// (checked by the real Envoy), OpenAPI, and the built console with SPA fallback.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { validateWithEnvoy } from '../../../../testkit/envoy';
import { shopBundle } from '../../../../testkit/appmesh-specs';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';

describe('console API', () => {
  let server: TestServer;
  let webDist: string;
  before(async () => {
    webDist = mkdtempSync(join(tmpdir(), 'mw-web-dist-'));
    mkdirSync(join(webDist, 'assets'));
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>meshwright</title>');
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app")');
    server = await startTestServer(sqliteVariant, { config: { webDist, xds: { host: '10.1.2.3', port: 18123 } } });
  });
  after(async () => {
    await server?.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown) =>
    apiRequest(server, `${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  test('validate: a sound bundle is valid and comes with static and ADS Envoy YAML per virtual node', async () => {
    const res = await post('/api/bundles/validate', shopBundle());
    assert.equal(res.status, 200);
    const body = (await res.json()) as { valid: boolean; findings: { severity: string }[]; envoy: Record<string, { static: string; ads: string }> };
    assert.equal(body.valid, true, JSON.stringify(body.findings));
    assert.deepEqual(Object.keys(body.envoy).sort(), ['client', 'web-v1', 'web-v2']);
    const ads = JSON.stringify(parse(body.envoy['client']?.ads ?? ''));
    assert.match(ads, /10\.1\.2\.3/);
    assert.match(ads, /18123/);
    assert.match(body.envoy['client']?.static ?? '', /web\.shop\.local/);
  });

  test('validate: schema errors and broken references are findings, and no Envoy config is compiled', async () => {
    const bundle = shopBundle();
    const node = bundle.virtualNodes[0];
    assert.ok(node);
    node.spec = { listeners: [{ portMapping: { port: 70000, protocol: 'http' } }] };
    const res = await post('/api/bundles/validate', bundle);
    const body = (await res.json()) as { valid: boolean; findings: { path: string; resource: { name: string } }[]; envoy: object };
    assert.equal(body.valid, false);
    assert.ok(body.findings.some((f) => f.resource.name === 'web-v1' && f.path === 'spec.listeners[0].portMapping.port'));
    assert.deepEqual(body.envoy, {});
  });

  test('create: all or nothing; a bad reference names the resource and field, and nothing is stored', async () => {
    const bundle = shopBundle('broken');
    const route = bundle.routes[0];
    assert.ok(route);
    route.spec = { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'ghost', weight: 1 }] } } };
    const res = await post('/api/bundles', bundle);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-errortype'), 'NotFoundException');
    const err = (await res.json()) as { message: string; resource: { kind: string; name: string }; field: string };
    assert.deepEqual(err.resource, { kind: 'route', name: 'web-router/split' });
    assert.equal(err.field, 'routes[0].spec.httpRoute.action.weightedTargets[0].virtualNode');
    assert.match(err.message, /ghost/);
    const meshes = (await (await apiRequest(server, `/v20190125/meshes`)).json()) as { meshes: unknown[] };
    assert.deepEqual(meshes.meshes, []);
  });

  test('create: 201 with every resource and its ARN; the mesh reads back as the same bundle', async () => {
    const res = await post('/api/bundles', shopBundle());
    assert.equal(res.status, 201);
    const body = (await res.json()) as { created: { kind: string; name: string; arn: string }[] };
    assert.deepEqual(
      body.created.map((c) => `${c.kind}:${c.name}`),
      ['mesh:shop', 'virtualNode:web-v1', 'virtualNode:web-v2', 'virtualNode:client', 'virtualRouter:web-router', 'route:web-router/split', 'virtualService:web.shop.local'],
    );
    assert.equal(body.created[5]?.arn, 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualRouter/web-router/route/split');

    const back = (await (await apiRequest(server, `/api/meshes/shop/bundle`)).json()) as { bundle: ReturnType<typeof shopBundle>; findings: { severity: string }[] };
    assert.deepEqual(back.bundle.virtualNodes.map((n) => n.virtualNodeName).sort(), ['client', 'web-v1', 'web-v2']);
    assert.deepEqual(back.bundle.routes[0]?.spec, shopBundle().routes[0]?.spec);
    assert.deepEqual(back.findings.filter((f) => f.severity === 'error'), []);
    assert.ok(server.changes.some((c) => c.meshName === 'shop' && c.kind === 'mesh' && c.action === 'create'));
  });

  test('create: the same mesh again is a 409 ConflictException on mesh.meshName', async () => {
    const res = await post('/api/bundles', shopBundle());
    assert.equal(res.status, 409);
    assert.equal(res.headers.get('x-amzn-errortype'), 'ConflictException');
    const err = (await res.json()) as { resource: unknown; field: string };
    assert.deepEqual(err.resource, { kind: 'mesh', name: 'shop' });
    assert.equal(err.field, 'mesh.meshName');
  });

  test('analysis of a stored mesh; a missing mesh is a 404', async () => {
    const res = await apiRequest(server, `/api/meshes/shop/analysis`);
    const body = (await res.json()) as { findings: { severity: string }[] };
    assert.equal(res.status, 200);
    assert.ok(Array.isArray(body.findings));
    const missing = await apiRequest(server, `/api/meshes/nope/analysis`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('x-amzn-errortype'), 'NotFoundException');
  });

  test('envoy-config: a static YAML download that Envoy accepts', async () => {
    const res = await apiRequest(server, `/api/meshes/shop/virtualNodes/client/envoy-config?mode=static&format=yaml`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="shop-client-envoy-static.yaml"');
    const yamlText = await res.text();
    const verdict = await validateWithEnvoy(yamlText, 'yaml');
    assert.ok(verdict.ok, verdict.output);
  });

  test('envoy-config: ADS mode in JSON points at this server\'s xDS address; bad mode and missing node are errors', async () => {
    const res = await apiRequest(server, `/api/meshes/shop/virtualNodes/web-v1/envoy-config?mode=ads&format=json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="shop-web-v1-envoy-ads.json"');
    const text = await res.text();
    assert.match(text, /"10\.1\.2\.3"/);
    assert.match(text, /18123/);
    const verdict = await validateWithEnvoy(text, 'json');
    assert.ok(verdict.ok, verdict.output);
    const bad = await apiRequest(server, `/api/meshes/shop/virtualNodes/web-v1/envoy-config?mode=xds`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /mode: must be one of static, ads/);
    const missing = await apiRequest(server, `/api/meshes/shop/virtualNodes/ghost/envoy-config`);
    assert.equal(missing.status, 404);
  });

  test('openapi.json describes the console endpoints', async () => {
    const doc = (await (await apiRequest(server, `/api/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    const paths = ['/api/bundles', '/api/bundles/validate', '/api/meshes/{mesh}/bundle', '/api/meshes/{mesh}/analysis', '/api/meshes/{mesh}/virtualNodes/{node}/envoy-config',
      '/api/meshes/{mesh}/virtualNodes/{node}/sync-status', '/api/meshes/{mesh}/sync-status', '/api/events'];
    for (const p of paths) {
      assert.ok(doc.paths[p], p);
    }
  });

  test('the built console is served, deep links fall back to index.html, API paths do not', async () => {
    const asset = await apiRequest(server, `/assets/app.js`);
    assert.equal(await asset.text(), 'console.log("app")');
    const deep = await apiRequest(server, `/meshes/shop/topology`);
    assert.equal(deep.status, 200);
    assert.match(await deep.text(), /<title>meshwright<\/title>/);
    const api = await apiRequest(server, `/api/no-such-endpoint`);
    assert.equal(api.status, 404);
    assert.equal(api.headers.get('x-amzn-errortype'), 'NotFoundException');
    const health = await apiRequest(server, `/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok' });
  });

  test('malformed JSON to /api is a 400, and no request produced a 500', async () => {
    const res = await apiRequest(server, `/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"mesh":' });
    assert.equal(res.status, 400);
    assert.deepEqual(server.errors, []);
  });
});
