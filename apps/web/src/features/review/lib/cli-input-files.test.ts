import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRouteInputSchema, createVirtualNodeInputSchema } from '@meshwright/model';
import { toBundle } from '../../wizard/lib/to-bundle';
import { filledWizard } from '../../wizard/lib/test-fixtures';
import { cliInputFiles, cliScript } from './cli-input-files';

test('every resource becomes a CLI-input file the create command accepts, in creation order', () => {
  const files = cliInputFiles(toBundle(filledWizard()));
  assert.deepEqual(files.map((f) => f.kind), ['mesh', 'virtualNode', 'virtualNode', 'virtualRouter', 'route', 'virtualService']);
  assert.equal(files[1]?.filename, 'shop.virtual-node.reviews-v1.json');
  assert.equal(createVirtualNodeInputSchema.safeParse(files[1]?.document).success, true);
  assert.equal(createRouteInputSchema.safeParse(files[4]?.document).success, true);
  assert.match(cliScript(files), /^aws appmesh create-mesh --cli-input-json file:\/\/shop\.mesh\.shop\.json$/m);
});

test('a gateway and its routes come last, after the services they target, as create-virtual-gateway and create-gateway-route files', () => {
  const files = cliInputFiles({
    mesh: { meshName: 'shop', spec: {} },
    virtualNodes: [],
    virtualRouters: [],
    routes: [],
    virtualServices: [{ meshName: 'shop', virtualServiceName: 'web.local', spec: {} }],
    virtualGateways: [{ meshName: 'shop', virtualGatewayName: 'ingress', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    gatewayRoutes: [{ meshName: 'shop', virtualGatewayName: 'ingress', gatewayRouteName: 'web', spec: { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'web.local' } } } } } }],
  });
  assert.deepEqual(files.map((f) => f.command), [
    'aws appmesh create-mesh --cli-input-json file://shop.mesh.shop.json',
    'aws appmesh create-virtual-service --cli-input-json file://shop.virtual-service.web.local.json',
    'aws appmesh create-virtual-gateway --cli-input-json file://shop.virtual-gateway.ingress.json',
    'aws appmesh create-gateway-route --cli-input-json file://shop.gateway-route.ingress-web.json',
  ]);
});
