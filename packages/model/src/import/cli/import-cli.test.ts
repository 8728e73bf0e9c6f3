import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCliDocuments } from './import-cli';

const gatewaySpec = { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] };
const routeSpec = { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'shop.local' } } } } };

test('describe-virtual-gateway and describe-gateway-route outputs import as the create inputs; metadata and status are dropped', () => {
  const r = importCliDocuments([
    { source: 'vg.json', json: { virtualGateway: { meshName: 'shop', virtualGatewayName: 'front', spec: gatewaySpec, metadata: { arn: 'arn:x', version: 1 }, status: { status: 'ACTIVE' } } } },
    { source: 'gr.json', json: { gatewayRoute: { meshName: 'shop', virtualGatewayName: 'front', gatewayRouteName: 'all', spec: routeSpec, metadata: {}, status: {} } } },
  ]);
  assert.deepEqual(r.bundle.virtualGateways, [{ virtualGatewayName: 'front', spec: gatewaySpec }]);
  assert.deepEqual(r.bundle.gatewayRoutes, [{ virtualGatewayName: 'front', gatewayRouteName: 'all', spec: routeSpec }]);
  assert.deepEqual(
    r.report.entries.filter((e) => e.action === 'dropped').map((e) => [e.path, e.resource?.name]),
    [['virtualGateway.metadata', 'front'], ['virtualGateway.status', 'front'], ['gatewayRoute.metadata', 'all'], ['gatewayRoute.status', 'all']],
  );
});

test('spec-only files (create-gateway-route --spec file://...) take their names from --virtual-gateway-name and --gateway-route-name', () => {
  const r = importCliDocuments([{ source: 'route-spec.json', json: { spec: routeSpec } }], {
    names: { 'route-spec.json': { meshName: 'shop', virtualGatewayName: 'front', gatewayRouteName: 'all' } },
  });
  assert.deepEqual(r.bundle.gatewayRoutes, [{ gatewayRouteName: 'all', virtualGatewayName: 'front', spec: routeSpec }]);
  assert.equal(r.report.entries.find((e) => e.action === 'defaulted' && e.path === '.')?.message, 'named gatewayRoute all from the flags or manifest');
  assert.equal(r.report.entries.find((e) => e.action === 'mapped')?.message, 'imported as gatewayRoute front/all');
});

test('a list-virtual-gateways output without specs is reported, not imported', () => {
  const r = importCliDocuments([
    { source: 'mesh.json', json: { meshName: 'shop' } },
    { source: 'list.json', json: { virtualGateways: [{ meshName: 'shop', virtualGatewayName: 'front' }] } },
  ]);
  assert.deepEqual(r.bundle.virtualGateways, []);
  assert.match(r.report.entries.find((e) => e.source === 'list.json')?.message ?? '', /list-\* output names resources but holds no specs/);
});
