import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateBundle } from '@meshwright/model';
import { defaultGateway, defaultGatewayRoute } from './gateway-values';
import { gatewayRouteSpecFromValues } from './gateway-spec';
import { validateGatewayRouteValues, validateGatewayValues } from './gateway-validate';

// The gateway forms restate no rule: the model's own finding (message) shows at the field it concerns.

const gateway = { name: 'ingress', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' as const } }] } };

test("a listener port out of range shows the model's schema message at that listener's port", () => {
  const issues = validateGatewayValues({ ...defaultGateway(), name: 'ingress', listeners: [{ port: 8080, protocol: 'http' }, { port: 70000, protocol: 'http' }] });
  const bundle = { mesh: { meshName: 'm', spec: {} }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [], gatewayRoutes: [], virtualGateways: [{ meshName: 'm', virtualGatewayName: 'ingress', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }, { portMapping: { port: 70000, protocol: 'http' } }] } }] };
  const finding = validateBundle(bundle).findings.find((f) => f.path === 'spec.listeners[1].portMapping.port');
  assert.ok(finding);
  assert.deepEqual(issues.find((i) => i.field === 'listeners.1.port'), { field: 'listeners.1.port', message: finding.message });
});

test('an empty gateway name is reported at the name', () => {
  assert.ok(validateGatewayValues(defaultGateway()).some((i) => i.field === 'name'));
});

test('a valid route to an existing service has no issues; a priority out of range is reported at priority', () => {
  const route = { ...defaultGatewayRoute('books.local'), name: 'all' };
  assert.deepEqual(validateGatewayRouteValues(route, { gateway, services: ['books.local'] }), []);
  const issues = validateGatewayRouteValues({ ...route, priority: 2000 }, { gateway, services: ['books.local'] });
  assert.equal(issues[0]?.field, 'priority');
});

test("each error the model finds about a route lands at a field of the form, with the model's message", () => {
  const cases = [
    { ...defaultGatewayRoute('ghost.local'), name: 'a' },
    { ...defaultGatewayRoute('books.local'), name: 'b', path: 'chapter' },
    { ...defaultGatewayRoute('books.local'), name: 'c', path: '/aws-appmesh/x' },
  ];
  for (const route of cases) {
    const bundle = validateBundle({
      mesh: { meshName: 'm', spec: {} }, virtualNodes: [], virtualRouters: [], routes: [],
      virtualServices: [{ meshName: 'm', virtualServiceName: 'books.local', spec: {} }],
      virtualGateways: [{ meshName: 'm', virtualGatewayName: 'ingress', spec: gateway.spec }],
      gatewayRoutes: [{ meshName: 'm', virtualGatewayName: 'ingress', gatewayRouteName: route.name, spec: gatewayRouteSpecFromValues(route) }],
    });
    const errors = bundle.findings.filter((f) => f.severity === 'error' && f.resource.kind === 'gatewayRoute');
    assert.ok(errors.length > 0, `the model finds an error in route ${route.name}`);
    const issues = validateGatewayRouteValues(route, { gateway, services: ['books.local'] });
    assert.deepEqual(issues.map((i) => i.message), errors.map((f) => f.message), route.name);
    assert.ok(issues.every((i) => ['target', 'path', 'name'].includes(i.field)), JSON.stringify(issues));
  }
});
