// The App Mesh ingress walkthrough's gateway steps with the real AWS CLI: create-virtual-gateway and
// create-gateway-route from --cli-input-json files, describe, list with the CLI's pagination, update,
// a delete refused while the gateway has routes, then the deletes in order.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { gatewayRouteSpec, gatewaySpec, nodeSpec } from '../../../../testkit/appmesh-specs';
import { awsCli, field, type AwsCli } from '../../../../testkit/aws-cli';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTestServer, type TestServer } from '../../../../testkit/bff';

const gatewayArn = 'arn:aws:appmesh:us-west-2:123456789012:mesh/apps/virtualGateway/ingress-gw';

describe('AWS CLI: virtual gateways and gateway routes', () => {
  let server: TestServer;
  let cli: AwsCli;

  before(async () => {
    server = await startTestServer(sqliteVariant);
    cli = awsCli(server);
    await cli.ok('create-mesh', '--mesh-name', 'apps');
    await cli.ok('create-virtual-node', '--mesh-name', 'apps', '--virtual-node-name', 'color', '--spec', JSON.stringify(nodeSpec('color.apps.local', 8080)));
    await cli.ok('create-virtual-service', '--mesh-name', 'apps', '--virtual-service-name', 'color.apps.local', '--spec', JSON.stringify({ provider: { virtualNode: { virtualNodeName: 'color' } } }));
  });
  after(async () => {
    await server?.close();
    cli?.dispose();
  });

  test('create-virtual-gateway and create-gateway-route with --cli-input-json', async () => {
    const gw = await cli.ok('create-virtual-gateway', '--cli-input-json', cli.inputFile('gw.json', { meshName: 'apps', virtualGatewayName: 'ingress-gw', spec: gatewaySpec(8088) }));
    assert.equal(field(gw, 'virtualGateway', 'metadata', 'arn'), gatewayArn);
    assert.equal(field(gw, 'virtualGateway', 'status', 'status'), 'ACTIVE');
    const route = await cli.ok(
      'create-gateway-route',
      '--cli-input-json',
      cli.inputFile('gr.json', { meshName: 'apps', virtualGatewayName: 'ingress-gw', gatewayRouteName: 'color-route', spec: gatewayRouteSpec('color.apps.local', '/color') }),
    );
    assert.equal(field(route, 'gatewayRoute', 'metadata', 'arn'), `${gatewayArn}/gatewayRoute/color-route`);
    assert.equal(field(route, 'gatewayRoute', 'virtualGatewayName'), 'ingress-gw');
  });

  test('describe-virtual-gateway and describe-gateway-route', async () => {
    const gw = await cli.ok('describe-virtual-gateway', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw');
    assert.equal(field(gw, 'virtualGateway', 'spec', 'listeners', '0', 'portMapping', 'port'), 8088);
    const route = await cli.ok('describe-gateway-route', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw', '--gateway-route-name', 'color-route');
    assert.equal(field(route, 'gatewayRoute', 'spec', 'httpRoute', 'match', 'prefix'), '/color');
  });

  test('list-gateway-routes and list-virtual-gateways with --page-size follow every page', async () => {
    for (let i = 1; i <= 4; i++) {
      await cli.ok('create-gateway-route', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw', '--gateway-route-name', `r${i}`, '--spec', JSON.stringify(gatewayRouteSpec('color.apps.local', `/r${i}`)));
    }
    const routes = await cli.ok('list-gateway-routes', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw', '--page-size', '2');
    assert.deepEqual((routes.gatewayRoutes as { gatewayRouteName: string }[]).map((r) => r.gatewayRouteName), ['color-route', 'r1', 'r2', 'r3', 'r4']);
    const first = await cli.ok('list-gateway-routes', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw', '--max-items', '2');
    assert.equal((first.gatewayRoutes as unknown[]).length, 2);
    assert.ok(first.NextToken, 'the CLI offers a token for the rest');
    await cli.ok('create-virtual-gateway', '--mesh-name', 'apps', '--virtual-gateway-name', 'second-gw', '--spec', JSON.stringify(gatewaySpec(9099)));
    const gateways = await cli.ok('list-virtual-gateways', '--mesh-name', 'apps', '--page-size', '1');
    assert.deepEqual((gateways.virtualGateways as { virtualGatewayName: string }[]).map((g) => g.virtualGatewayName), ['ingress-gw', 'second-gw']);
  });

  test('update-virtual-gateway and update-gateway-route bump the version', async () => {
    const gw = await cli.ok('update-virtual-gateway', '--cli-input-json', cli.inputFile('gw-update.json', { meshName: 'apps', virtualGatewayName: 'ingress-gw', spec: gatewaySpec(8089) }));
    assert.equal(field(gw, 'virtualGateway', 'metadata', 'version'), 2);
    assert.equal(field(gw, 'virtualGateway', 'spec', 'listeners', '0', 'portMapping', 'port'), 8089);
    const route = await cli.ok(
      'update-gateway-route',
      '--mesh-name',
      'apps',
      '--virtual-gateway-name',
      'ingress-gw',
      '--gateway-route-name',
      'color-route',
      '--spec',
      JSON.stringify(gatewayRouteSpec('color.apps.local', '/paint')),
    );
    assert.equal(field(route, 'gatewayRoute', 'metadata', 'version'), 2);
    assert.equal(field(route, 'gatewayRoute', 'spec', 'httpRoute', 'match', 'prefix'), '/paint');
  });

  test('delete-virtual-gateway is refused while it has gateway routes; deleting them first works', async () => {
    const inUse = await cli.run('delete-virtual-gateway', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw');
    assert.notEqual(inUse.code, 0);
    assert.match(inUse.stderr, /ResourceInUseException.*still has gateway route color-route, r1, r2, r3, r4; delete the gateway routes first/);
    for (const name of ['color-route', 'r1', 'r2', 'r3', 'r4']) {
      const out = await cli.ok('delete-gateway-route', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw', '--gateway-route-name', name);
      assert.equal(field(out, 'gatewayRoute', 'status', 'status'), 'DELETED');
    }
    for (const name of ['ingress-gw', 'second-gw']) {
      const out = await cli.ok('delete-virtual-gateway', '--mesh-name', 'apps', '--virtual-gateway-name', name);
      assert.equal(field(out, 'virtualGateway', 'status', 'status'), 'DELETED');
    }
    const missing = await cli.run('describe-virtual-gateway', '--mesh-name', 'apps', '--virtual-gateway-name', 'ingress-gw');
    assert.match(missing.stderr, /NotFoundException/);
  });
});
