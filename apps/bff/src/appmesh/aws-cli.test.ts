// The App Mesh getting-started flow with the real AWS CLI against this server, then describe, list,
// update, delete, the CLI's automatic pagination and an error as the CLI reports it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { httpRouteSpec, nodeSpec, routerSpec } from '../../../../testkit/appmesh-specs';
import { awsCli, field, type AwsCli } from '../../../../testkit/aws-cli';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';

describe('AWS CLI against meshwright', () => {
  let server: TestServer;
  let cli: AwsCli;

  before(async () => {
    server = await startTestServer(sqliteVariant);
    cli = awsCli(server);
  });
  after(async () => {
    await server?.close();
    cli?.dispose();
  });

  const aws = (...args: string[]) => cli.run(...args);
  const ok = (...args: string[]) => cli.ok(...args);
  const inputFile = (name: string, content: unknown) => cli.inputFile(name, content);

  test('getting started: create mesh, virtual node, virtual router, route and virtual service with --cli-input-json', async () => {
    const mesh = await ok('create-mesh', '--cli-input-json', inputFile('mesh.json', { meshName: 'apps', spec: { egressFilter: { type: 'DROP_ALL' } } }));
    assert.equal(field(mesh, 'mesh', 'status', 'status'), 'ACTIVE');
    assert.equal(field(mesh, 'mesh', 'metadata', 'arn'), 'arn:aws:appmesh:us-west-2:123456789012:mesh/apps');

    const node = await ok('create-virtual-node', '--cli-input-json', inputFile('node.json', { meshName: 'apps', virtualNodeName: 'serviceB', spec: nodeSpec('serviceB.apps.local', 80) }));
    assert.equal(field(node, 'virtualNode', 'metadata', 'version'), 1);
    await ok('create-virtual-node', '--cli-input-json', inputFile('node2.json', { meshName: 'apps', virtualNodeName: 'serviceBv2', spec: nodeSpec('serviceBv2.apps.local', 80) }));

    await ok('create-virtual-router', '--cli-input-json', inputFile('router.json', { meshName: 'apps', virtualRouterName: 'serviceB', spec: routerSpec(80) }));
    const route = await ok(
      'create-route',
      '--cli-input-json',
      inputFile('route.json', { meshName: 'apps', virtualRouterName: 'serviceB', routeName: 'serviceB-route', spec: httpRouteSpec({ serviceB: 1 }) }),
    );
    assert.equal(field(route, 'route', 'metadata', 'arn'), 'arn:aws:appmesh:us-west-2:123456789012:mesh/apps/virtualRouter/serviceB/route/serviceB-route');

    const service = await ok(
      'create-virtual-service',
      '--cli-input-json',
      inputFile('service.json', { meshName: 'apps', virtualServiceName: 'serviceb.apps.local', spec: { provider: { virtualRouter: { virtualRouterName: 'serviceB' } } } }),
    );
    assert.equal(field(service, 'virtualService', 'spec', 'provider', 'virtualRouter', 'virtualRouterName'), 'serviceB');
  });

  test('describe and list', async () => {
    const d = await ok('describe-route', '--mesh-name', 'apps', '--virtual-router-name', 'serviceB', '--route-name', 'serviceB-route');
    assert.equal(field(d, 'route', 'spec', 'httpRoute', 'match', 'prefix'), '/');
    const n = await ok('describe-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', 'serviceB');
    assert.equal(field(n, 'virtualNode', 'spec', 'serviceDiscovery', 'dns', 'hostname'), 'serviceB.apps.local');
    const meshes = await ok('list-meshes');
    assert.deepEqual((meshes.meshes as { meshName: string }[]).map((m) => m.meshName), ['apps']);
    const services = await ok('list-virtual-services', '--mesh-name', 'apps');
    assert.deepEqual((services.virtualServices as { virtualServiceName: string }[]).map((s) => s.virtualServiceName), ['serviceb.apps.local']);
  });

  test('update shifts traffic (version 2) and delete returns DELETED in dependency order', async () => {
    const u = await ok(
      'update-route',
      '--cli-input-json',
      inputFile('route-update.json', { meshName: 'apps', virtualRouterName: 'serviceB', routeName: 'serviceB-route', spec: httpRouteSpec({ serviceB: 75, serviceBv2: 25 }) }),
    );
    assert.equal(field(u, 'route', 'metadata', 'version'), 2);
    const inUse = await aws('delete-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', 'serviceBv2');
    assert.notEqual(inUse.code, 0);
    assert.match(inUse.stderr, /ResourceInUseException/);

    for (const args of [
      ['delete-virtual-service', '--mesh-name', 'apps', '--virtual-service-name', 'serviceb.apps.local'],
      ['delete-route', '--mesh-name', 'apps', '--virtual-router-name', 'serviceB', '--route-name', 'serviceB-route'],
      ['delete-virtual-router', '--mesh-name', 'apps', '--virtual-router-name', 'serviceB'],
      ['delete-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', 'serviceB'],
      ['delete-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', 'serviceBv2'],
    ]) {
      const out = await ok(...args);
      const data = Object.values(out)[0] as Record<string, unknown>;
      assert.equal(field(data, 'status', 'status'), 'DELETED', args.join(' '));
    }
  });

  test('automatic pagination: 5 nodes listed with --page-size 2 come back complete', async () => {
    for (let i = 1; i <= 5; i++) await ok('create-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', `node-${i}`, '--spec', '{}');
    const listed = await ok('list-virtual-nodes', '--mesh-name', 'apps', '--page-size', '2');
    assert.deepEqual((listed.virtualNodes as { virtualNodeName: string }[]).map((n) => n.virtualNodeName), ['node-1', 'node-2', 'node-3', 'node-4', 'node-5']);
    const firstPage = await ok('list-virtual-nodes', '--mesh-name', 'apps', '--max-items', '2');
    assert.equal((firstPage.virtualNodes as unknown[]).length, 2);
    assert.ok(firstPage.NextToken, 'the CLI offers a token for the rest');
  });

  test('errors come out as the CLI reports App Mesh errors', async () => {
    const dup = await aws('create-mesh', '--mesh-name', 'apps');
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /ConflictException/);
    const bad = await aws('create-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', 'bad', '--spec', JSON.stringify({ listeners: [{ portMapping: { port: 70000, protocol: 'http' } }] }));
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /BadRequestException.*spec\.listeners\[0\]\.portMapping\.port/);
  });
});
