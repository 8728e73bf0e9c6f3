// Every mesh, virtual node, virtual router, route and virtual service operation through the AWS SDK,
// against SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  DescribeVirtualServiceCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListVirtualNodesCommand,
  ListVirtualRoutersCommand,
  ListVirtualServicesCommand,
  UpdateMeshCommand,
  UpdateRouteCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  UpdateVirtualServiceCommand,
  type ResourceMetadata,
} from '@aws-sdk/client-app-mesh';
import { httpRouteSpec, nodeSpec, routerSpec } from '../../../../testkit/appmesh-specs';
import { forEachStore } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiRequest } from '../../../../testkit/http';

const arnPrefix = 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop';

function assertMetadata(m: ResourceMetadata | undefined, arn: string, version: number): void {
  assert.ok(m);
  assert.equal(m.arn, arn);
  assert.equal(m.version, version);
  assert.match(m.uid ?? '', /^[0-9a-f-]{36}$/);
  assert.equal(m.meshOwner, '123456789012');
  assert.equal(m.resourceOwner, '123456789012');
  assert.ok(m.createdAt instanceof Date && m.lastUpdatedAt instanceof Date);
  assert.ok((m.lastUpdatedAt?.getTime() ?? 0) >= (m.createdAt?.getTime() ?? 0));
}

forEachStore((variant) => {
  describe(`App Mesh CRUD through the AWS SDK (${variant.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(variant);
    });
    after(async () => {
      await server?.close();
    });

    test('mesh: create, describe, list, update, delete', async () => {
      const created = await server.client.send(new CreateMeshCommand({ meshName: 'shop', spec: { egressFilter: { type: 'ALLOW_ALL' } }, tags: [{ key: 'team', value: 'web' }] }));
      assert.equal(created.mesh?.meshName, 'shop');
      assert.equal(created.mesh?.status?.status, 'ACTIVE');
      assert.deepEqual(created.mesh?.spec, { egressFilter: { type: 'ALLOW_ALL' } });
      assertMetadata(created.mesh?.metadata, arnPrefix, 1);

      const described = await server.client.send(new DescribeMeshCommand({ meshName: 'shop' }));
      assert.equal(described.mesh?.metadata?.uid, created.mesh?.metadata?.uid);

      const listed = await server.client.send(new ListMeshesCommand({}));
      assert.deepEqual(listed.meshes?.map((m) => [m.meshName, m.arn, m.version]), [['shop', arnPrefix, 1]]);
      assert.equal(listed.nextToken, undefined);

      const updated = await server.client.send(new UpdateMeshCommand({ meshName: 'shop', spec: { egressFilter: { type: 'DROP_ALL' } } }));
      assertMetadata(updated.mesh?.metadata, arnPrefix, 2);
      assert.deepEqual(updated.mesh?.spec, { egressFilter: { type: 'DROP_ALL' } });

      await server.client.send(new CreateMeshCommand({ meshName: 'scratch' }));
      const deleted = await server.client.send(new DeleteMeshCommand({ meshName: 'scratch' }));
      assert.equal(deleted.mesh?.status?.status, 'DELETED');
      assert.deepEqual(deleted.mesh?.spec, { egressFilter: { type: 'DROP_ALL' } }, 'the default egress filter is filled in');
      const after = await server.client.send(new ListMeshesCommand({}));
      assert.deepEqual(after.meshes?.map((m) => m.meshName), ['shop']);
    });

    test('virtual node: create, describe, list, update, delete', async () => {
      const created = await server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web-v1', spec: nodeSpec('web-v1.shop.local') }));
      assert.equal(created.virtualNode?.virtualNodeName, 'web-v1');
      assert.equal(created.virtualNode?.meshName, 'shop');
      assert.equal(created.virtualNode?.spec?.listeners?.[0]?.portMapping?.port, 8080);
      assertMetadata(created.virtualNode?.metadata, `${arnPrefix}/virtualNode/web-v1`, 1);

      const described = await server.client.send(new DescribeVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web-v1' }));
      assert.deepEqual(described.virtualNode?.spec, created.virtualNode?.spec);

      const updated = await server.client.send(new UpdateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web-v1', spec: nodeSpec('web-v1.shop.local', 9090) }));
      assertMetadata(updated.virtualNode?.metadata, `${arnPrefix}/virtualNode/web-v1`, 2);
      assert.equal(updated.virtualNode?.spec?.listeners?.[0]?.portMapping?.port, 9090);
      await server.client.send(new UpdateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web-v1', spec: nodeSpec('web-v1.shop.local') }));

      await server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web-v2', spec: nodeSpec('web-v2.shop.local') }));
      await server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'tmp', spec: {} }));
      const listed = await server.client.send(new ListVirtualNodesCommand({ meshName: 'shop' }));
      assert.deepEqual(listed.virtualNodes?.map((n) => [n.virtualNodeName, n.version]), [['tmp', 1], ['web-v1', 3], ['web-v2', 1]]);
      assert.equal(listed.virtualNodes?.[1]?.arn, `${arnPrefix}/virtualNode/web-v1`);

      const deleted = await server.client.send(new DeleteVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'tmp' }));
      assert.equal(deleted.virtualNode?.status?.status, 'DELETED');
      assert.equal(deleted.virtualNode?.virtualNodeName, 'tmp');
    });

    test('virtual router: create, describe, list, update, delete', async () => {
      const created = await server.client.send(new CreateVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'web-router', spec: routerSpec() }));
      assertMetadata(created.virtualRouter?.metadata, `${arnPrefix}/virtualRouter/web-router`, 1);
      const described = await server.client.send(new DescribeVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'web-router' }));
      assert.equal(described.virtualRouter?.spec?.listeners?.[0]?.portMapping?.protocol, 'http');
      const updated = await server.client.send(new UpdateVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'web-router', spec: routerSpec(8080) }));
      assert.equal(updated.virtualRouter?.metadata?.version, 2);
      await server.client.send(new CreateVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'spare', spec: routerSpec() }));
      const listed = await server.client.send(new ListVirtualRoutersCommand({ meshName: 'shop' }));
      assert.deepEqual(listed.virtualRouters?.map((r) => r.virtualRouterName), ['spare', 'web-router']);
      const deleted = await server.client.send(new DeleteVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'spare' }));
      assert.equal(deleted.virtualRouter?.status?.status, 'DELETED');
    });

    test('route: create, describe (the route data is the whole body), list, update, delete', async () => {
      const created = await server.client.send(
        new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'web-router', routeName: 'split', spec: httpRouteSpec({ 'web-v1': 90, 'web-v2': 10 }) }),
      );
      assertMetadata(created.route?.metadata, `${arnPrefix}/virtualRouter/web-router/route/split`, 1);
      assert.equal(created.route?.virtualRouterName, 'web-router');

      const described = await server.client.send(new DescribeRouteCommand({ meshName: 'shop', virtualRouterName: 'web-router', routeName: 'split' }));
      assert.equal(described.route?.routeName, 'split');
      assert.deepEqual(
        described.route?.spec?.httpRoute?.action?.weightedTargets?.map((t) => [t.virtualNode, t.weight]),
        [['web-v1', 90], ['web-v2', 10]],
      );

      // On the wire the route data is the whole body (the model's payload binding); the SDK wraps it.
      const raw = (await (await apiRequest(server, `/v20190125/meshes/shop/virtualRouter/web-router/routes/split`)).json()) as Record<string, unknown>;
      assert.deepEqual(Object.keys(raw).sort(), ['meshName', 'metadata', 'routeName', 'spec', 'status', 'virtualRouterName']);

      const updated = await server.client.send(
        new UpdateRouteCommand({ meshName: 'shop', virtualRouterName: 'web-router', routeName: 'split', spec: httpRouteSpec({ 'web-v1': 50, 'web-v2': 50 }) }),
      );
      assert.equal(updated.route?.metadata?.version, 2);
      assert.equal(updated.route?.spec?.httpRoute?.action?.weightedTargets?.[1]?.weight, 50);

      await server.client.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'web-router', routeName: 'api', spec: httpRouteSpec({ 'web-v2': 1 }, '/api') }));
      const listed = await server.client.send(new ListRoutesCommand({ meshName: 'shop', virtualRouterName: 'web-router' }));
      assert.deepEqual(listed.routes?.map((r) => [r.virtualRouterName, r.routeName]), [['web-router', 'api'], ['web-router', 'split']]);
      const deleted = await server.client.send(new DeleteRouteCommand({ meshName: 'shop', virtualRouterName: 'web-router', routeName: 'api' }));
      assert.equal(deleted.route?.status?.status, 'DELETED');
    });

    test('virtual service: create, describe, list, update, delete', async () => {
      const created = await server.client.send(
        new CreateVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'web.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } }),
      );
      assertMetadata(created.virtualService?.metadata, `${arnPrefix}/virtualService/web.shop.local`, 1);
      const described = await server.client.send(new DescribeVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'web.shop.local' }));
      assert.equal(described.virtualService?.spec?.provider?.virtualRouter?.virtualRouterName, 'web-router');
      const updated = await server.client.send(
        new UpdateVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'web.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'web-v1' } } } }),
      );
      assert.equal(updated.virtualService?.metadata?.version, 2);
      await server.client.send(new CreateVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'old.shop.local', spec: {} }));
      const listed = await server.client.send(new ListVirtualServicesCommand({ meshName: 'shop' }));
      assert.deepEqual(listed.virtualServices?.map((s) => s.virtualServiceName), ['old.shop.local', 'web.shop.local']);
      const deleted = await server.client.send(new DeleteVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'old.shop.local' }));
      assert.equal(deleted.virtualService?.status?.status, 'DELETED');
    });

    test('every committed write was announced to onChange, and no 500 was logged', () => {
      const kinds = new Set(server.changes.map((c) => c.kind));
      assert.deepEqual([...kinds].sort(), ['mesh', 'route', 'virtualNode', 'virtualRouter', 'virtualService']);
      assert.ok(server.changes.some((c) => c.kind === 'route' && c.name === 'web-router/split' && c.action === 'update'));
      assert.ok(server.changes.every((c) => c.meshName === 'shop' || c.meshName === 'scratch'));
      assert.deepEqual(server.errors, []);
    });
  });
}, 'App Mesh CRUD');
