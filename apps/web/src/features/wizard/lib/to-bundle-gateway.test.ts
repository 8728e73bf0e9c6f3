import assert from 'node:assert/strict';
import { test } from 'node:test';
import { effectiveGatewayRouting, meshModelFromBundle, validateBundle } from '@meshwright/model';
import { parseDraft, serializeDraft } from './draft';
import { stepOfField } from './field-paths';
import { defaultGatewayRoute } from './gateway-values';
import { filledWizard } from './test-fixtures';
import { toBundle } from './to-bundle';
import { validateWizard } from './validate';

function withGateway() {
  const values = filledWizard();
  values.useGateway = true;
  values.gateway = {
    name: 'ingress',
    port: 8443,
    protocol: 'http',
    routes: [
      { ...defaultGatewayRoute(), name: 'reviews', path: '/reviews' },
      { ...defaultGatewayRoute(), name: 'raw', path: '/raw/', prefixRewrite: 'keep', rewriteHost: false },
    ],
  };
  return values;
}

test('without the gateway step the bundle has no gateway', () => {
  const bundle = toBundle(filledWizard());
  assert.deepEqual([bundle.virtualGateways, bundle.gatewayRoutes], [[], []]);
});

test('the gateway step adds the gateway and its routes, each to the wizard virtual service', () => {
  const bundle = toBundle(withGateway());
  assert.deepEqual(bundle.virtualGateways, [{ meshName: 'shop', virtualGatewayName: 'ingress', spec: { listeners: [{ portMapping: { port: 8443, protocol: 'http' } }] } }]);
  assert.deepEqual(
    bundle.gatewayRoutes.map((r) => [r.gatewayRouteName, r.virtualGatewayName, r.spec.httpRoute?.action.target.virtualService.virtualServiceName]),
    [['reviews', 'ingress', 'reviews.shop.local'], ['raw', 'ingress', 'reviews.shop.local']],
  );
  assert.deepEqual(validateBundle(bundle).findings.filter((f) => f.severity === 'error'), []);
  const sentences = effectiveGatewayRouting(meshModelFromBundle(bundle), 'ingress').map((r) => r.sentence);
  assert.deepEqual(sentences, [
    'Requests for any host + /reviews* reach reviews.shop.local as /* on Host reviews.shop.local',
    "Requests for any host + /raw/* reach reviews.shop.local as /raw/* on the client's Host (unchanged)",
  ]);
});

test("a gateway route error is shown at the gateway step's field with the model's message", () => {
  const values = withGateway();
  const route = values.gateway.routes[0];
  assert.ok(route);
  route.path = '/aws-appmesh/x';
  const finding = validateBundle(toBundle(values)).findings.find((f) => f.resource.kind === 'gatewayRoute' && f.severity === 'error');
  assert.ok(finding, 'the model refuses a reserved prefix');
  const issue = validateWizard(values).find((i) => i.field === 'gateway.routes.0.path');
  assert.deepEqual(issue, { field: 'gateway.routes.0.path', message: finding.message });
  assert.equal(stepOfField('gateway.routes.0.path'), 3);
});

test('a draft from before the gateway step still loads, with the step off; a gateway draft survives a reload', () => {
  const old = JSON.parse(serializeDraft({ step: 2, values: filledWizard() })) as { values: Record<string, unknown> };
  delete old.values.useGateway;
  delete old.values.gateway;
  const loaded = parseDraft(JSON.stringify(old));
  assert.equal(loaded?.values.useGateway, false);
  assert.equal(loaded?.values.gateway.routes.length, 1);
  const draft = { step: 3, values: withGateway() };
  assert.deepEqual(parseDraft(serializeDraft(draft)), draft);
});
