// The console's side of gateways: a bundle with virtualGateways and gatewayRoutes is created in one
// transaction (and its dry run compiles the gateways), and a gateway's Envoy bootstrap downloads in
// both modes and formats, with clear 400s and 404s.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DescribeGatewayRouteCommand } from '@aws-sdk/client-app-mesh';
import { parse } from 'yaml';
import { gatewayRouteSpec, gatewaySpec, shopBundle } from '../../../../testkit/appmesh-specs';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { apiJson, apiRequest } from '../../../../testkit/http';

const bundle = {
  ...shopBundle(),
  virtualGateways: [{ virtualGatewayName: 'ingress', spec: gatewaySpec(8088) }],
  gatewayRoutes: [{ virtualGatewayName: 'ingress', gatewayRouteName: 'web', spec: gatewayRouteSpec('web.shop.local') }],
};

describe('console: bundles with gateways and the gateway envoy-config download', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(sqliteVariant);
  });
  after(async () => {
    await server?.close();
  });

  test('the dry run compiles each gateway in both modes', async () => {
    const res = await apiJson(server, 'POST', '/api/bundles/validate', bundle);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { valid: boolean; gatewayEnvoy: Record<string, { static: string; ads: string }> };
    assert.equal(body.valid, true);
    assert.match(body.gatewayEnvoy.ingress?.ads ?? '', /mesh\/shop\/virtualGateway\/ingress/);
    assert.match(body.gatewayEnvoy.ingress?.static ?? '', /port_value: 8088/);
  });

  test('bundle create stores gateways and their routes, with their ARNs', async () => {
    const res = await apiJson(server, 'POST', '/api/bundles', bundle);
    assert.equal(res.status, 201, await res.clone().text());
    const { created } = (await res.json()) as { created: { kind: string; name: string; arn: string }[] };
    const gatewayRows = created.filter((c) => c.kind === 'virtualGateway' || c.kind === 'gatewayRoute');
    assert.deepEqual(gatewayRows, [
      { kind: 'virtualGateway', name: 'ingress', arn: 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway/ingress' },
      { kind: 'gatewayRoute', name: 'ingress/web', arn: 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway/ingress/gatewayRoute/web' },
    ]);
    const route = await server.client.send(new DescribeGatewayRouteCommand({ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: 'web' }));
    assert.equal(route.gatewayRoute?.spec?.httpRoute?.action?.target?.virtualService?.virtualServiceName, 'web.shop.local');
  });

  test('envoy-config: ads YAML with the gateway node id, static JSON with its listener port', async () => {
    const ads = await apiRequest(server, '/api/meshes/shop/virtualGateways/ingress/envoy-config?mode=ads&format=yaml');
    assert.equal(ads.status, 200);
    assert.match(ads.headers.get('content-type') ?? '', /application\/yaml/);
    assert.equal(ads.headers.get('content-disposition'), 'attachment; filename="shop-ingress-gateway-envoy-ads.yaml"');
    const adsBootstrap = parse(await ads.text()) as { node: { id: string }; dynamic_resources?: unknown };
    assert.equal(adsBootstrap.node.id, 'mesh/shop/virtualGateway/ingress');
    assert.ok(adsBootstrap.dynamic_resources, 'an ADS bootstrap names the control plane');

    const statics = await apiRequest(server, '/api/meshes/shop/virtualGateways/ingress/envoy-config?mode=static&format=json');
    assert.equal(statics.status, 200);
    const text = await statics.text();
    assert.ok(JSON.parse(text));
    assert.match(text, /"port_value": 8088/);
  });

  test('envoy-config: 404 for a missing gateway or mesh, 400 naming a bad mode', async () => {
    const ghost = await apiRequest(server, '/api/meshes/shop/virtualGateways/ghost/envoy-config');
    assert.equal(ghost.status, 404);
    assert.match(((await ghost.json()) as { message: string }).message, /virtual gateway ghost does not exist in mesh shop/);
    const noMesh = await apiRequest(server, '/api/meshes/nope/virtualGateways/ingress/envoy-config');
    assert.equal(noMesh.status, 404);
    const bad = await apiRequest(server, '/api/meshes/shop/virtualGateways/ingress/envoy-config?mode=xds');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /mode/);
    assert.deepEqual(server.errors, []);
  });
});
