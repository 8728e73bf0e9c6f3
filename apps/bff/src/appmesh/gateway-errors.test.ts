// App Mesh's error classes for virtual gateways and gateway routes as the AWS SDK decodes them:
// BadRequest naming the field, NotFound for a missing container, Conflict, ResourceInUse and
// LimitExceeded, against SQLite and PostgreSQL. Nothing a refused request sent is stored.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BadRequestException,
  ConflictException,
  CreateGatewayRouteCommand,
  CreateVirtualGatewayCommand,
  DeleteGatewayRouteCommand,
  DeleteVirtualGatewayCommand,
  DeleteVirtualServiceCommand,
  DescribeGatewayRouteCommand,
  DescribeVirtualGatewayCommand,
  ListGatewayRoutesCommand,
  ListTagsForResourceCommand,
  LimitExceededException,
  ListVirtualGatewaysCommand,
  NotFoundException,
  ResourceInUseException,
  UpdateGatewayRouteCommand,
  UpdateVirtualGatewayCommand,
  type VirtualGatewaySpec,
} from '@aws-sdk/client-app-mesh';
import { gatewayRouteSpec, gatewaySpec } from '../../../../testkit/appmesh-specs';
import { createShopWithWebNode } from '../../../../testkit/shop-mesh';
import { forEachStore } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { rejectsWith } from '../../../../testkit/sdk-errors';

const arn = 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway';

forEachStore((variant) => {
  describe(`gateway errors through the AWS SDK (${variant.name})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(variant, { config: { quotas: { virtualGatewaysPerMesh: 2, gatewayRoutesPerGateway: 2 } } });
      const c = server.client;
      await createShopWithWebNode(c, ['web.shop.local']);
      await c.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw', spec: gatewaySpec() }));
      await c.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'web', spec: gatewayRouteSpec('web.shop.local') }));
    });
    after(async () => {
      await server?.close();
    });

    test('BadRequestException names the invalid field', async () => {
      // The SDK's types have no tcp for a gateway; the wire lets a client send it anyway.
      const tcp = { listeners: [{ portMapping: { port: 8080, protocol: 'tcp' } }] } as unknown as VirtualGatewaySpec;
      await rejectsWith(server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'bad', spec: tcp })), BadRequestException, /spec\.listeners\[0\]\.portMapping\.protocol/);
      await rejectsWith(
        server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'bad', spec: { httpRoute: { match: { prefix: '/x' }, action: {} as never } } })),
        BadRequestException,
        /spec\.httpRoute\.action\.target/,
      );
      await rejectsWith(server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'gw', limit: 0 })), BadRequestException, /limit/);
      await rejectsWith(server.client.send(new ListVirtualGatewaysCommand({ meshName: 'shop', nextToken: 'garbage' })), BadRequestException, /nextToken/);
    });

    test('NotFoundException for a missing mesh, gateway, gateway route or target service', async () => {
      await rejectsWith(server.client.send(new CreateVirtualGatewayCommand({ meshName: 'nope', virtualGatewayName: 'gw', spec: gatewaySpec() })), NotFoundException, /mesh nope does not exist/);
      await rejectsWith(server.client.send(new DescribeVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ghost' })), NotFoundException, /virtual gateway ghost in mesh shop/);
      await rejectsWith(server.client.send(new UpdateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ghost', spec: gatewaySpec() })), NotFoundException, /virtual gateway ghost/);
      await rejectsWith(server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'ghost' })), NotFoundException, /virtual gateway ghost/);
      // A gateway route needs its gateway, as a route needs its router.
      await rejectsWith(
        server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ghost', gatewayRouteName: 'r', spec: gatewayRouteSpec('web.shop.local') })),
        NotFoundException,
        /virtual gateway ghost in mesh shop does not exist/,
      );
      await rejectsWith(server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'ghost' })), NotFoundException, /virtual gateway ghost/);
      await rejectsWith(server.client.send(new DescribeGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ghost', gatewayRouteName: 'web' })), NotFoundException, /virtual gateway ghost/);
      await rejectsWith(
        server.client.send(new DescribeGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'ghost' })),
        NotFoundException,
        /gateway route ghost of virtual gateway gw in mesh shop does not exist/,
      );
      await rejectsWith(
        server.client.send(new UpdateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'ghost', spec: gatewayRouteSpec('web.shop.local') })),
        NotFoundException,
        /gateway route ghost/,
      );
      await rejectsWith(server.client.send(new DeleteGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'ghost' })), NotFoundException, /gateway route ghost/);
      // The model's analysis decides that the target must exist.
      await rejectsWith(
        server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'lost', spec: gatewayRouteSpec('missing.shop.local', '/lost') })),
        NotFoundException,
        /missing\.shop\.local/,
      );
      await rejectsWith(server.client.send(new ListTagsForResourceCommand({ resourceArn: `${arn}/gw/gatewayRoute/ghost` })), NotFoundException, /gateway route ghost/);
    });

    test('BadRequestException from the analysis: a reserved prefix; a gateway update that would break its routes', async () => {
      await rejectsWith(
        server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'reserved', spec: gatewayRouteSpec('web.shop.local', '/aws-appmesh/x') })),
        BadRequestException,
        /spec\.httpRoute\.match\.prefix/,
      );
      // An http route on a grpc listener would be dropped by Envoy: the gateway's update is refused, naming the route.
      await rejectsWith(
        server.client.send(new UpdateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw', spec: gatewaySpec(8080, 'grpc') })),
        BadRequestException,
        /gateway route gw\/web/,
      );
      const kept = await server.client.send(new DescribeVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw' }));
      assert.equal(kept.virtualGateway?.spec?.listeners?.[0]?.portMapping?.protocol, 'http');
      assert.equal(kept.virtualGateway?.metadata?.version, 1);
    });

    test('LimitExceededException over the gateway and gateway route quotas (configured through deps)', async () => {
      await server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw2', spec: gatewaySpec(8081) }));
      await rejectsWith(server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw3', spec: gatewaySpec(8082) })), LimitExceededException, /limit of 2/);
      await server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'two', spec: gatewayRouteSpec('web.shop.local', '/two') }));
      await rejectsWith(
        server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'three', spec: gatewayRouteSpec('web.shop.local', '/three') })),
        LimitExceededException,
        /limit of 2/,
      );
      await server.client.send(new DeleteGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'two' }));
      await server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw2' }));
    });

    test('ConflictException for a duplicate gateway or gateway route', async () => {
      await rejectsWith(server.client.send(new CreateVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw', spec: gatewaySpec() })), ConflictException, /virtual gateway gw in mesh shop already exists/);
      await rejectsWith(
        server.client.send(new CreateGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'web', spec: gatewayRouteSpec('web.shop.local') })),
        ConflictException,
        /gateway route web of virtual gateway gw in mesh shop already exists/,
      );
    });

    test('ResourceInUseException: a gateway with routes, a service a gateway route targets', async () => {
      await rejectsWith(
        server.client.send(new DeleteVirtualGatewayCommand({ meshName: 'shop', virtualGatewayName: 'gw' })),
        ResourceInUseException,
        /virtual gateway gw in mesh shop still has gateway route web; delete the gateway routes first/,
      );
      await rejectsWith(
        server.client.send(new DeleteVirtualServiceCommand({ meshName: 'shop', virtualServiceName: 'web.shop.local' })),
        ResourceInUseException,
        /virtual service web\.shop\.local in mesh shop is the target of gateway route gw\/web/,
      );
      const stillThere = await server.client.send(new DescribeGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'gw', gatewayRouteName: 'web' }));
      assert.equal(stillThere.gatewayRoute?.status?.status, 'ACTIVE');
    });

    test('refused writes stored nothing and were not announced; no request produced a 500', async () => {
      const gateways = await server.client.send(new ListVirtualGatewaysCommand({ meshName: 'shop' }));
      assert.deepEqual(gateways.virtualGateways?.map((g) => g.virtualGatewayName), ['gw']);
      const routes = await server.client.send(new ListGatewayRoutesCommand({ meshName: 'shop', virtualGatewayName: 'gw' }));
      assert.deepEqual(routes.gatewayRoutes?.map((r) => r.gatewayRouteName), ['web']);
      // The two of before(), and gw2 and its route's create and delete in the quota test.
      assert.equal(server.changes.filter((e) => e.kind === 'virtualGateway' || e.kind === 'gatewayRoute').length, 6);
      assert.deepEqual(server.errors, []);
    });
  });
}, 'gateway errors');
