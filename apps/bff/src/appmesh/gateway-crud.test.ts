// Every virtual gateway and gateway route operation through the AWS SDK: shapes, ARNs, metadata,
// status, pagination, clientToken and tags, against SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  CreateGatewayRouteCommand,
  CreateVirtualGatewayCommand,
  DeleteGatewayRouteCommand,
  DeleteVirtualGatewayCommand,
  DescribeGatewayRouteCommand,
  DescribeVirtualGatewayCommand,
  ListGatewayRoutesCommand,
  ListTagsForResourceCommand,
  ListVirtualGatewaysCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateGatewayRouteCommand,
  UpdateVirtualGatewayCommand,
  paginateListGatewayRoutes,
} from '@aws-sdk/client-app-mesh';
import { gatewayRouteSpec, gatewaySpec } from '../../../../testkit/appmesh-specs';
import { createShopWithWebNode } from '../../../../testkit/shop-mesh';
import { forEachStore } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';

const gatewayArn = 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway/ingress';
const routeArn = `${gatewayArn}/gatewayRoute/web`;

forEachStore((variant) => {
  describe(`virtual gateways and gateway routes through the AWS SDK (${variant.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(variant);
      const c = server.client;
      await createShopWithWebNode(c, ['web.shop.local', 'api.shop.local']);
    });
    after(async () => {
      await server?.close();
    });

    test('virtual gateway: create, describe, list, update (version 2), with metadata and status', async () => {
      const created = await server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ingress', spec: gatewaySpec(8080), tags: [{ key: 'team', value: 'edge' }] }));
      const g = created.virtualGateway;
      assert.equal(g?.meshName, 'shop');
      assert.equal(g?.virtualGatewayName, 'ingress');
      assert.deepEqual(g?.spec, gatewaySpec(8080));
      assert.equal(g?.status?.status, 'ACTIVE');
      assert.equal(g?.metadata?.arn, gatewayArn);
      assert.equal(g?.metadata?.version, 1);
      assert.equal(g?.metadata?.meshOwner, '123456789012');
      assert.match(g?.metadata?.uid ?? '', /^[0-9a-f-]{36}$/);
      assert.ok(g?.metadata?.createdAt instanceof Date);

      const described = await server.client.send(new DescribeVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ingress' }));
      assert.deepEqual(described.virtualGateway, g);

      const listed = await server.client.send(new ListVirtualGatewaysCommand({ meshName: 'shop' }));
      assert.equal(listed.virtualGateways?.length, 1);
      const ref = listed.virtualGateways?.[0];
      assert.equal(ref?.virtualGatewayName, 'ingress');
      assert.equal(ref?.arn, gatewayArn);
      assert.equal(ref?.version, 1);
      assert.equal(ref?.resourceOwner, '123456789012');

      const updated = await server.client.send(new UpdateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ingress', spec: gatewaySpec(9080) }));
      assert.equal(updated.virtualGateway?.metadata?.version, 2);
      assert.equal(updated.virtualGateway?.spec?.listeners?.[0]?.portMapping?.port, 9080);
      assert.equal(updated.virtualGateway?.metadata?.uid, g?.metadata?.uid);
    });

    test('gateway route: create, describe, list, update, with virtualGatewayName and its nested ARN', async () => {
      const created = await server.client.send(
        new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: 'web', spec: gatewayRouteSpec('web.shop.local', '/web') }),
      );
      const r = created.gatewayRoute;
      assert.equal(r?.virtualGatewayName, 'ingress');
      assert.equal(r?.gatewayRouteName, 'web');
      assert.equal(r?.meshName, 'shop');
      assert.equal(r?.metadata?.arn, routeArn);
      assert.equal(r?.status?.status, 'ACTIVE');
      assert.equal(r?.spec?.httpRoute?.action?.target?.virtualService?.virtualServiceName, 'web.shop.local');

      const described = await server.client.send(new DescribeGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: 'web' }));
      assert.deepEqual(described.gatewayRoute, r);

      const listed = await server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'ingress' }));
      assert.deepEqual(
        listed.gatewayRoutes?.map((x) => [x.virtualGatewayName, x.gatewayRouteName, x.arn]),
        [['ingress', 'web', routeArn]],
      );

      const updated = await server.client.send(
        new UpdateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: 'web', spec: gatewayRouteSpec('api.shop.local', '/web') }),
      );
      assert.equal(updated.gatewayRoute?.metadata?.version, 2);
      assert.equal(updated.gatewayRoute?.spec?.httpRoute?.action?.target?.virtualService?.virtualServiceName, 'api.shop.local');
    });

    test('pagination of gateways and gateway routes: limit, nextToken and the SDK paginator', async () => {
      for (const n of ['p1', 'p2', 'p3']) {
        await server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: n, spec: gatewayRouteSpec('web.shop.local', `/${n}`) }));
      }
      const first = await server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'ingress', limit: 2 }));
      assert.deepEqual(first.gatewayRoutes?.map((x) => x.gatewayRouteName), ['p1', 'p2']);
      assert.ok(first.nextToken);
      const second = await server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'ingress', limit: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.gatewayRoutes?.map((x) => x.gatewayRouteName), ['p3', 'web']);
      assert.equal(second.nextToken, undefined);
      const all: string[] = [];
      for await (const page of paginateListGatewayRoutes({ client: server.client, pageSize: 1 }, { meshName: 'shop', virtualGatewayName: 'ingress' })) {
        all.push(...(page.gatewayRoutes ?? []).map((x) => x.gatewayRouteName ?? ''));
      }
      assert.deepEqual(all, ['p1', 'p2', 'p3', 'web']);

      await server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'second', spec: gatewaySpec(8081) }));
      const gateways = await server.client.send(new ListVirtualGatewaysCommand({ meshName: 'shop', limit: 1 }));
      assert.deepEqual(gateways.virtualGateways?.map((x) => x.virtualGatewayName), ['ingress']);
      const rest = await server.client.send(new ListVirtualGatewaysCommand({ meshName: 'shop', limit: 1, nextToken: gateways.nextToken }));
      assert.deepEqual(rest.virtualGateways?.map((x) => x.virtualGatewayName), ['second']);
      // Each gateway lists its own routes only.
      const none = await server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'second' }));
      assert.deepEqual(none.gatewayRoutes, []);
      for (const n of ['p1', 'p2', 'p3']) await server.client.send(new DeleteGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: n }));
      await server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'second' }));
    });

    test('clientToken: a replayed create of a gateway and of a gateway route answers as the first', async () => {
      const gw = { meshName: 'shop', virtualGatewayName: 'idem', spec: gatewaySpec(7000), clientToken: 'gw-token' };
      const a = await server.client.send(new CreateVirtualGatewayCommand(gw));
      const b = await server.client.send(new CreateVirtualGatewayCommand(gw));
      assert.equal(b.virtualGateway?.metadata?.uid, a.virtualGateway?.metadata?.uid);
      const gr = { meshName: 'shop', virtualGatewayName: 'idem', gatewayRouteName: 'r', spec: gatewayRouteSpec('web.shop.local'), clientToken: 'gr-token' };
      const c = await server.client.send(new CreateGatewayRouteCommand(gr));
      const d = await server.client.send(new CreateGatewayRouteCommand(gr));
      assert.equal(d.gatewayRoute?.metadata?.uid, c.gatewayRoute?.metadata?.uid);
      await server.client.send(new DeleteGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'idem', gatewayRouteName: 'r' }));
      await server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'idem' }));
    });

    test('tags on the ARNs of a gateway and a gateway route', async () => {
      assert.deepEqual((await server.client.send(new ListTagsForResourceCommand({ resourceArn: gatewayArn }))).tags, [{ key: 'team', value: 'edge' }]);
      await server.client.send(new TagResourceCommand({ resourceArn: routeArn, tags: [{ key: 'path', value: 'web' }, { key: 'tier', value: 'gold' }] }));
      await server.client.send(new UntagResourceCommand({ resourceArn: routeArn, tagKeys: ['tier'] }));
      assert.deepEqual((await server.client.send(new ListTagsForResourceCommand({ resourceArn: routeArn }))).tags, [{ key: 'path', value: 'web' }]);
    });

    test('delete: the gateway route, then the gateway, each answering DELETED with its last data', async () => {
      const route = await server.client.send(new DeleteGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: 'web' }));
      assert.equal(route.gatewayRoute?.status?.status, 'DELETED');
      assert.equal(route.gatewayRoute?.metadata?.arn, routeArn);
      const gw = await server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ingress' }));
      assert.equal(gw.virtualGateway?.status?.status, 'DELETED');
      assert.equal(gw.virtualGateway?.virtualGatewayName, 'ingress');
      assert.deepEqual((await server.client.send(new ListVirtualGatewaysCommand({ meshName: 'shop' }))).virtualGateways, []);
    });

    test('every write was announced with gateway routes named <gateway>/<route>, and nothing answered 500', () => {
      const routeEvents = server.changes.filter((e) => e.kind === 'gatewayRoute').map((e) => `${e.action} ${e.name}`);
      assert.ok(routeEvents.includes('create ingress/web'));
      assert.ok(routeEvents.includes('update ingress/web'));
      assert.ok(routeEvents.includes('delete ingress/web'));
      assert.deepEqual(server.errors, []);
    });
  });
}, 'gateway CRUD');
