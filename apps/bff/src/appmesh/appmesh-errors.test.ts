// App Mesh's error classes as the AWS SDK decodes them, pagination, clientToken replay and tags,
// against SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BadRequestException,
  ConflictException,
  CreateMeshCommand,
  CreateRouteCommand,
  CreateVirtualGatewayCommand,
  CreateVirtualNodeCommand,
  CreateVirtualRouterCommand,
  CreateVirtualServiceCommand,
  DeleteMeshCommand,
  DeleteRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteVirtualNodeCommand,
  DeleteVirtualRouterCommand,
  DeleteVirtualServiceCommand,
  DescribeMeshCommand,
  DescribeRouteCommand,
  DescribeVirtualNodeCommand,
  DescribeVirtualRouterCommand,
  LimitExceededException,
  ListGatewayRoutesCommand,
  ListMeshesCommand,
  ListRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualNodesCommand,
  NotFoundException,
  ResourceInUseException,
  TagResourceCommand,
  TooManyTagsException,
  UntagResourceCommand,
  UpdateVirtualNodeCommand,
  UpdateVirtualRouterCommand,
  paginateListVirtualNodes,
} from '@aws-sdk/client-app-mesh';
import { gatewaySpec, httpRouteSpec, nodeSpec, routerSpec } from '../../../../testkit/appmesh-specs';
import { createShopWithWebNode } from '../../../../testkit/shop-mesh';
import { forEachStore } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { rejectsWith } from '../../../../testkit/sdk-errors';

forEachStore((variant) => {
  describe(`App Mesh errors, pagination, clientToken and tags through the AWS SDK (${variant.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(variant, { config: { quotas: { routesPerRouter: 2, meshes: 5 } } });
      const c = server.client;
      await createShopWithWebNode(c);
      await c.send(new CreateVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'router', spec: routerSpec() }));
      await c.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'r1', spec: httpRouteSpec({ web: 1 }) }));
    });
    after(async () => {
      await server?.close();
    });

    test('BadRequestException names the invalid field', async () => {
      const bad = { listeners: [{ portMapping: { port: 70000, protocol: 'http' as const } }], serviceDiscovery: { dns: { hostname: 'x' } } };
      await rejectsWith(server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'bad', spec: bad })), BadRequestException, /spec\.listeners\[0\]\.portMapping\.port/);
      // A rule of the model's analysis (route kind vs router protocol) is a BadRequest too.
      await rejectsWith(
        server.client.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'tcp', spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'web', weight: 1 }] } } } })),
        BadRequestException,
        /tcp/i,
      );
    });

    test('NotFoundException for a missing mesh, resource, route target or provider', async () => {
      await rejectsWith(server.client.send(new DescribeMeshCommand({ meshName: 'nope' })), NotFoundException, /mesh nope/);
      await rejectsWith(server.client.send(new CreateVirtualNodeCommand({ meshName: 'nope', virtualNodeName: 'n', spec: {} })), NotFoundException, /mesh nope/);
      await rejectsWith(server.client.send(new DescribeRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'zz' })), NotFoundException, /route zz/);
      await rejectsWith(
        server.client.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'r2', spec: httpRouteSpec({ ghost: 1 }) })),
        NotFoundException,
        /weightedTargets\[0\]\.virtualNode.*ghost/,
      );
      await rejectsWith(
        server.client.send(new CreateVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 's.local', spec: { provider: { virtualNode: { virtualNodeName: 'ghost' } } } })),
        NotFoundException,
        /provider.*ghost/,
      );
      const nodes = await server.client.send(new ListVirtualNodesCommand({ meshName: 'shop' }));
      assert.deepEqual(nodes.virtualNodes?.map((n) => n.virtualNodeName), ['web'], 'nothing was stored by the failed writes');
    });

    test('ConflictException for a duplicate name; failed writes are not announced to onChange', async () => {
      const announced = server.changes.length;
      await rejectsWith(server.client.send(new CreateMeshCommand({ meshName: 'shop' })), ConflictException, /mesh shop already exists/);
      await rejectsWith(server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web', spec: {} })), ConflictException, /virtual node web/);
      assert.equal(server.changes.length, announced);
    });

    test('ResourceInUseException while something depends on the resource', async () => {
      await rejectsWith(server.client.send(new DeleteMeshCommand({ meshName: 'shop' })), ResourceInUseException, /still has/);
      await rejectsWith(server.client.send(new DeleteVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web' })), ResourceInUseException, /target of route router\/r1/);
      await rejectsWith(server.client.send(new DeleteVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'router' })), ResourceInUseException, /route router\/r1/);
      await server.client.send(new CreateVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'web.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'router' } } } }));
      await server.client.send(new DeleteRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'r1' }));
      await rejectsWith(server.client.send(new DeleteVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'router' })), ResourceInUseException, /provider of virtual service web\.shop\.local/);
      await server.client.send(new CreateVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'direct.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'web' } } } }));
      await rejectsWith(server.client.send(new DeleteVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'web' })), ResourceInUseException, /provider of virtual service direct\.shop\.local/);
      await server.client.send(new DeleteVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'direct.shop.local' }));
      await server.client.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'r1', spec: httpRouteSpec({ web: 1 }) }));
    });

    test('LimitExceededException over a quota (configured through deps)', async () => {
      await server.client.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'r2', spec: httpRouteSpec({ web: 1 }, '/two') }));
      await rejectsWith(
        server.client.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'router', routeName: 'r3', spec: httpRouteSpec({ web: 1 }, '/three') })),
        LimitExceededException,
        /limit of 2/,
      );
      for (const m of ['m2', 'm3', 'm4', 'm5']) await server.client.send(new CreateMeshCommand({ meshName: m }));
      await rejectsWith(server.client.send(new CreateMeshCommand({ meshName: 'm6' })), LimitExceededException, /meshes exceed the limit of 5/);
      for (const m of ['m2', 'm3', 'm4', 'm5']) await server.client.send(new DeleteMeshCommand({ meshName: m }));
    });

    test('gateway operations are served, no longer refused', async () => {
      const created = await server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw', spec: gatewaySpec() }));
      assert.equal(created.virtualGateway?.metadata?.arn, 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway/gw');
      const routes = await server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'gw' }));
      assert.deepEqual(routes.gatewayRoutes, []);
      const deleted = await server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw' }));
      assert.equal(deleted.virtualGateway?.status?.status, 'DELETED');
    });

    test('pagination: limit and an opaque nextToken, also through the SDK paginator', async () => {
      for (const n of ['a1', 'a2', 'a3', 'a4']) {
        await server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: n, spec: {} }));
      }
      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await server.client.send(new ListVirtualNodesCommand({ meshName: 'shop', limit: 2, ...(nextToken ? { nextToken } : {}) }));
        assert.ok((page.virtualNodes?.length ?? 0) <= 2);
        seen.push(...(page.virtualNodes ?? []).map((n) => n.virtualNodeName ?? ''));
        nextToken = page.nextToken;
        pages += 1;
      } while (nextToken);
      assert.deepEqual(seen, ['a1', 'a2', 'a3', 'a4', 'web']);
      assert.equal(pages, 3);

      const viaPaginator: string[] = [];
      for await (const page of paginateListVirtualNodes({ client: server.client, pageSize: 2 }, { meshName: 'shop' })) {
        viaPaginator.push(...(page.virtualNodes ?? []).map((n) => n.virtualNodeName ?? ''));
      }
      assert.deepEqual(viaPaginator, seen);
      await rejectsWith(server.client.send(new ListVirtualNodesCommand({ meshName: 'shop', nextToken: 'garbage' })), BadRequestException, /nextToken/);
      await rejectsWith(server.client.send(new ListMeshesCommand({ limit: 101 })), BadRequestException, /limit: must be a whole number from 1 to 100/);
    });

    test('clientToken: a replay returns the first result; a different request with it is a conflict', async () => {
      const input = { meshName: 'shop', virtualNodeName: 'idem', spec: nodeSpec('idem.shop.local'), clientToken: 'token-123' };
      const first = await server.client.send(new CreateVirtualNodeCommand(input));
      const again = await server.client.send(new CreateVirtualNodeCommand(input));
      assert.equal(again.virtualNode?.metadata?.uid, first.virtualNode?.metadata?.uid);
      assert.equal(again.virtualNode?.metadata?.version, 1);
      await rejectsWith(server.client.send(new CreateVirtualNodeCommand({ ...input, spec: {} })), ConflictException, /clientToken token-123/);
      // Updates are idempotent the same way: one version bump for two identical calls.
      const update = { meshName: 'shop', virtualNodeName: 'idem', spec: nodeSpec('idem.shop.local', 9000), clientToken: 'token-456' };
      await server.client.send(new UpdateVirtualNodeCommand(update));
      const replay = await server.client.send(new UpdateVirtualNodeCommand(update));
      assert.equal(replay.virtualNode?.metadata?.version, 2);
    });

    test('TagResource, ListTagsForResource and UntagResource by ARN', async () => {
      const arn = 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualRouter/router/route/r1';
      await server.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'web' }, { key: 'tier', value: 'gold' }] }));
      await server.client.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'tier', value: 'silver' }] }));
      const listed = await server.client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      assert.deepEqual(listed.tags, [{ key: 'team', value: 'web' }, { key: 'tier', value: 'silver' }]);
      const page = await server.client.send(new ListTagsForResourceCommand({ resourceArn: arn, limit: 1 }));
      assert.equal(page.tags?.length, 1);
      assert.ok(page.nextToken);
      await server.client.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['team'] }));
      const after = await server.client.send(new ListTagsForResourceCommand({ resourceArn: arn }));
      assert.deepEqual(after.tags, [{ key: 'tier', value: 'silver' }]);
      const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
      await rejectsWith(server.client.send(new TagResourceCommand({ resourceArn: arn, tags: many })), TooManyTagsException, /limit is 50/);
      await rejectsWith(
        server.client.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualNode/ghost' })),
        NotFoundException,
        /virtual node ghost/,
      );
    });

    test('concurrent creates of one name: exactly one wins, the rest are conflicts', async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, () => server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'race', spec: {} }))),
      );
      assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
      for (const a of attempts) if (a.status === 'rejected') assert.ok(a.reason instanceof ConflictException);
    });

    test('a write that would break another resource is refused and stores nothing', async () => {
      const c = server.client;
      await c.send(new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'cat', spec: nodeSpec('cat.shop.local') }));
      await c.send(new CreateVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'cat-router', spec: routerSpec() }));
      await c.send(new CreateRouteCommand({ meshName: 'shop', virtualRouterName: 'cat-router', routeName: 'split', spec: httpRouteSpec({ cat: 1 }) }));
      const announced = server.changes.length;
      // A tcp listener under an http route: Envoy would drop the route without a word.
      await rejectsWith(
        c.send(new UpdateVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'cat-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'tcp' } }] } })),
        BadRequestException,
        /^route cat-router\/split spec\.httpRoute: a httpRoute does not fit/,
      );
      const router = await c.send(new DescribeVirtualRouterCommand({ meshName: 'shop', virtualRouterName: 'cat-router' }));
      assert.equal(router.virtualRouter?.metadata?.version, 1);
      assert.equal(router.virtualRouter?.spec?.listeners?.[0]?.portMapping?.protocol, 'http');
      // The node a route targets may not lose its listener.
      await rejectsWith(
        c.send(new UpdateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'cat', spec: {} })),
        BadRequestException,
        /^route cat-router\/split spec\.httpRoute\.action\.weightedTargets\[0\]\.virtualNode: target virtual node cat has no listener/,
      );
      const node = await c.send(new DescribeVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'cat' }));
      assert.equal(node.virtualNode?.metadata?.version, 1);
      assert.equal(node.virtualNode?.spec?.listeners?.length, 1);
      assert.equal(server.changes.length, announced, 'refused writes are not announced');
      // Changes that keep the mesh sound still go through, even where the mesh already had an error
      // (planted in the store directly, as data from an older version might hold).
      const now = Date.now();
      const broken = { kind: 'route' as const, meshName: 'shop', parentName: 'cat-router', name: 'broken', spec: { ...httpRouteSpec({ ghost: 1 }, '/ghost') }, tags: [], uid: 'u-broken', version: 1, createdAt: now, lastUpdatedAt: now };
      await server.store.apply([{ op: 'insert', resource: broken }]);
      const moved = await c.send(new UpdateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'cat', spec: nodeSpec('cat2.shop.local') }));
      assert.equal(moved.virtualNode?.metadata?.version, 2);
    });

    test('duplicate tag keys on create keep one entry per key, the last value winning', async () => {
      const created = await server.client.send(
        new CreateVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'tagged', spec: {}, tags: [{ key: 'team', value: 'a' }, { key: 'tier', value: 'x' }, { key: 'team', value: 'b' }] }),
      );
      const listed = await server.client.send(new ListTagsForResourceCommand({ resourceArn: created.virtualNode?.metadata?.arn }));
      assert.deepEqual(listed.tags, [{ key: 'team', value: 'b' }, { key: 'tier', value: 'x' }]);
    });

    test('meshOwner naming another account: NotFoundException, nothing stored', async () => {
      const foreign = '999999999999';
      await rejectsWith(server.client.send(new DescribeMeshCommand({ meshName: 'shop', meshOwner: foreign })), NotFoundException, /^mesh shop owned by account 999999999999 does not exist$/);
      await rejectsWith(server.client.send(new ListVirtualNodesCommand({ meshName: 'shop', meshOwner: foreign })), NotFoundException, /owned by account 999999999999/);
      await rejectsWith(
        server.client.send(new CreateVirtualNodeCommand({ meshName: 'shop', meshOwner: foreign, virtualNodeName: 'foreign', spec: {} })),
        NotFoundException,
        /owned by account 999999999999/,
      );
      await rejectsWith(server.client.send(new DescribeVirtualNodeCommand({ meshName: 'shop', virtualNodeName: 'foreign' })), NotFoundException, /virtual node foreign/);
      const own = await server.client.send(new DescribeMeshCommand({ meshName: 'shop', meshOwner: '123456789012' }));
      assert.equal(own.mesh?.meshName, 'shop');
    });

    test('a nextToken works only for the list it came from', async () => {
      const nodes = await server.client.send(new ListVirtualNodesCommand({ meshName: 'shop', limit: 1 }));
      assert.ok(nodes.nextToken);
      await rejectsWith(server.client.send(new ListRoutesCommand({ meshName: 'shop', virtualRouterName: 'router', nextToken: nodes.nextToken })), BadRequestException, /nextToken does not belong to this list/);
      await rejectsWith(server.client.send(new ListMeshesCommand({ nextToken: nodes.nextToken })), BadRequestException, /nextToken does not belong to this list/);
      const routes = await server.client.send(new ListRoutesCommand({ meshName: 'shop', virtualRouterName: 'router', limit: 1 }));
      assert.ok(routes.nextToken);
      await rejectsWith(server.client.send(new ListRoutesCommand({ meshName: 'shop', virtualRouterName: 'cat-router', nextToken: routes.nextToken })), BadRequestException, /does not belong/);
      const next = await server.client.send(new ListRoutesCommand({ meshName: 'shop', virtualRouterName: 'router', limit: 1, nextToken: routes.nextToken }));
      assert.equal(next.routes?.length, 1);
    });

    test('no request produced a 500', () => {
      assert.deepEqual(server.errors, []);
    });
  });
}, 'App Mesh errors');
