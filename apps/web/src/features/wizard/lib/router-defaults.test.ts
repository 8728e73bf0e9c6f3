import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultNode, defaultWizardValues } from './form-values';
import { withRouterDefaults } from './router-defaults';

test('step 3 starts from the first node: its port and protocol, a matching route type, prefix / and even targets', () => {
  const values = defaultWizardValues();
  values.meshName = 'shop';
  values.virtualServiceName = 'cart.shop.local';
  values.nodes = [
    { ...defaultNode(0), name: 'cart-v1', port: 7000, protocol: 'grpc' },
    { ...defaultNode(1), name: 'cart-v2', port: 7000, protocol: 'grpc' },
    { ...defaultNode(2), name: 'batch', discovery: 'none' },
  ];
  const next = withRouterDefaults(values);
  assert.deepEqual(next.router, { name: 'cart-router', port: 7000, protocol: 'grpc' });
  assert.equal(next.route.name, 'cart-route');
  assert.equal(next.route.type, 'grpc');
  assert.equal(next.route.prefix, '/');
  assert.deepEqual(next.route.targets, [{ node: 'cart-v1', weight: 50 }, { node: 'cart-v2', weight: 50 }]);
});

test('once the router has a name, going through step 2 again keeps what the user chose', () => {
  const values = defaultWizardValues();
  values.nodes = [{ ...defaultNode(0), name: 'a', port: 9000 }];
  values.router = { name: 'mine', port: 8000, protocol: 'http2' };
  assert.equal(withRouterDefaults(values), values);
});
