// The ten virtual gateway and gateway route operations through boto3, as a Python user of App Mesh
// calls them, with the error codes boto3 raises for a missing gateway, a duplicate and a delete in use.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runBoto3, type Boto3Step } from '../../../../testkit/boto3';
import { createShopWithWebNode } from '../../../../testkit/shop-mesh';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';

const script = String.raw`
m, g = 'shop', 'ingress'
spec = {'listeners': [{'portMapping': {'port': 8080, 'protocol': 'http'}}]}
route = lambda prefix: {'httpRoute': {'match': {'prefix': prefix}, 'action': {'target': {'virtualService': {'virtualServiceName': 'web.shop.local'}}}}}
step('create-virtual-gateway', lambda: c.create_virtual_gateway(meshName=m, virtualGatewayName=g, spec=spec, clientToken='t1'))
step('create-gateway-route', lambda: c.create_gateway_route(meshName=m, virtualGatewayName=g, gatewayRouteName='web', spec=route('/web')))
step('create-gateway-route-2', lambda: c.create_gateway_route(meshName=m, virtualGatewayName=g, gatewayRouteName='api', spec=route('/api')))
step('describe-virtual-gateway', lambda: c.describe_virtual_gateway(meshName=m, virtualGatewayName=g))
step('describe-gateway-route', lambda: c.describe_gateway_route(meshName=m, virtualGatewayName=g, gatewayRouteName='web'))
step('list-virtual-gateways', lambda: c.list_virtual_gateways(meshName=m))
step('list-gateway-routes', lambda: c.list_gateway_routes(meshName=m, virtualGatewayName=g, limit=1))
step('paginate-gateway-routes', lambda: [r['gatewayRouteName'] for p in c.get_paginator('list_gateway_routes').paginate(meshName=m, virtualGatewayName=g, PaginationConfig={'PageSize': 1}) for r in p['gatewayRoutes']])
step('update-virtual-gateway', lambda: c.update_virtual_gateway(meshName=m, virtualGatewayName=g, spec={'listeners': [{'portMapping': {'port': 9090, 'protocol': 'http'}}]}))
step('update-gateway-route', lambda: c.update_gateway_route(meshName=m, virtualGatewayName=g, gatewayRouteName='web', spec=route('/www')))
step('describe-missing', lambda: c.describe_virtual_gateway(meshName=m, virtualGatewayName='ghost'))
step('route-under-missing', lambda: c.create_gateway_route(meshName=m, virtualGatewayName='ghost', gatewayRouteName='r', spec=route('/')))
step('duplicate', lambda: c.create_virtual_gateway(meshName=m, virtualGatewayName=g, spec=spec))
step('bad-port', lambda: c.create_virtual_gateway(meshName=m, virtualGatewayName='bad', spec={'listeners': [{'portMapping': {'port': 70000, 'protocol': 'http'}}]}))
step('delete-in-use', lambda: c.delete_virtual_gateway(meshName=m, virtualGatewayName=g))
step('delete-gateway-route', lambda: c.delete_gateway_route(meshName=m, virtualGatewayName=g, gatewayRouteName='web'))
step('delete-gateway-route-2', lambda: c.delete_gateway_route(meshName=m, virtualGatewayName=g, gatewayRouteName='api'))
step('delete-virtual-gateway', lambda: c.delete_virtual_gateway(meshName=m, virtualGatewayName=g))
`;

describe('boto3: virtual gateways and gateway routes', () => {
  let server: TestServer;
  let steps: Map<string, Boto3Step>;
  before(async () => {
    server = await startTestServer(sqliteVariant);
    await createShopWithWebNode(server.client, ['web.shop.local']);
    steps = new Map((await runBoto3(server, script)).map((s) => [s.name, s]));
  });
  after(async () => {
    await server?.close();
  });

  function result(name: string): Record<string, unknown> {
    const s = steps.get(name);
    assert.ok(s, `step ${name} did not run`);
    assert.ok(s.ok, `${name} raised ${s.ok ? '' : `${s.code}: ${s.message}`}`);
    return s.result as Record<string, unknown>;
  }
  function raised(name: string): string {
    const s = steps.get(name);
    assert.ok(s && !s.ok, `${name} should have raised`);
    return `${s.code}: ${s.message}`;
  }
  const at = (o: unknown, ...path: (string | number)[]): unknown =>
    path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), o);

  test('create, describe, list and update answer App Mesh shapes', () => {
    assert.equal(at(result('create-virtual-gateway'), 'virtualGateway', 'metadata', 'arn'), 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway/ingress');
    assert.equal(at(result('create-gateway-route'), 'gatewayRoute', 'metadata', 'arn'), 'arn:aws:appmesh:us-west-2:123456789012:mesh/shop/virtualGateway/ingress/gatewayRoute/web');
    assert.equal(at(result('describe-virtual-gateway'), 'virtualGateway', 'status', 'status'), 'ACTIVE');
    assert.equal(at(result('describe-gateway-route'), 'gatewayRoute', 'virtualGatewayName'), 'ingress');
    assert.equal(at(result('list-virtual-gateways'), 'virtualGateways', 0, 'virtualGatewayName'), 'ingress');
    const page = result('list-gateway-routes');
    assert.equal((page.gatewayRoutes as unknown[]).length, 1);
    assert.equal(typeof page.nextToken, 'string');
    assert.deepEqual(result('paginate-gateway-routes'), ['api', 'web']);
    assert.equal(at(result('update-virtual-gateway'), 'virtualGateway', 'metadata', 'version'), 2);
    assert.equal(at(result('update-gateway-route'), 'gatewayRoute', 'spec', 'httpRoute', 'match', 'prefix'), '/www');
  });

  test('errors raise the App Mesh error codes', () => {
    assert.match(raised('describe-missing'), /^NotFoundException: virtual gateway ghost/);
    assert.match(raised('route-under-missing'), /^NotFoundException: virtual gateway ghost/);
    assert.match(raised('duplicate'), /^ConflictException: /);
    assert.match(raised('bad-port'), /^BadRequestException: .*spec\.listeners\[0\]\.portMapping\.port/);
    assert.match(raised('delete-in-use'), /^ResourceInUseException: .*still has gateway route api, web/);
  });

  test('deletes answer DELETED, and the gateway is gone', () => {
    assert.equal(at(result('delete-gateway-route'), 'gatewayRoute', 'status', 'status'), 'DELETED');
    assert.equal(at(result('delete-gateway-route-2'), 'gatewayRoute', 'status', 'status'), 'DELETED');
    assert.equal(at(result('delete-virtual-gateway'), 'virtualGateway', 'status', 'status'), 'DELETED');
    assert.deepEqual(server.errors, []);
  });
});
