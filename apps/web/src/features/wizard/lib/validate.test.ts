import assert from 'node:assert/strict';
import { test } from 'node:test';
import { filledWizard } from './test-fixtures';
import { validateWizard } from './validate';
import { wizardFormSchema } from './form-schema';

const at = (field: string, values = filledWizard()) => validateWizard(values).find((i) => i.field === field)?.message;

test('a filled wizard has no issues', () => {
  assert.deepEqual(validateWizard(filledWizard()), []);
});

test('a port of 70000 is reported at the port with the allowed range', () => {
  const values = filledWizard();
  const first = values.nodes[0];
  assert.ok(first);
  first.port = 70000;
  assert.equal(at('nodes.0.port', values), 'must be a whole number from 1 to 65535');
});

test('an empty port (NaN) is reported at the port too', () => {
  const values = filledWizard();
  const second = values.nodes[1];
  assert.ok(second);
  second.port = Number.NaN;
  assert.equal(at('nodes.1.port', values), 'must be a whole number from 1 to 65535');
});

test('health check limits come from the model and land at their fields', () => {
  const values = filledWizard();
  const first = values.nodes[0];
  assert.ok(first);
  first.healthCheck.intervalMillis = 100;
  first.healthCheck.healthyThreshold = 11;
  assert.equal(at('nodes.0.healthCheck.intervalMillis', values), 'must be a whole number from 5000 to 300000');
  assert.equal(at('nodes.0.healthCheck.healthyThreshold', values), 'must be a whole number from 2 to 10');
});

test('a disabled health check is not checked', () => {
  const values = filledWizard();
  const second = values.nodes[1];
  assert.ok(second);
  second.healthCheck.intervalMillis = 1;
  assert.deepEqual(validateWizard(values), []);
});

test('a route target must be one of the nodes', () => {
  const values = filledWizard();
  const first = values.nodes[0];
  assert.ok(first);
  first.name = 'reviews-v3';
  assert.equal(at('route.targets.0.node', values), 'target virtual node reviews-v1 does not exist');
});

test('weights over 100 in total, duplicate node names and a missing hostname are reported', () => {
  const values = filledWizard();
  const [a, b] = values.nodes;
  assert.ok(a && b);
  b.name = a.name;
  b.dnsHostname = ' ';
  const t = values.route.targets[1];
  assert.ok(t);
  t.weight = 20;
  assert.equal(at('route.targets', values), 'weights add up to 110; the total may be at most 100');
  assert.equal(at('nodes.1.name', values), 'another virtualNode is already named reviews-v1');
  assert.equal(at('nodes.0.name', values), undefined);
  assert.equal(at('nodes.1.dnsHostname', values), 'DNS hostname is empty');
});

test('the form schema puts issues at nested paths for the resolver', () => {
  const values = filledWizard();
  const first = values.nodes[0];
  assert.ok(first);
  first.port = 70000;
  const result = wizardFormSchema.safeParse(values);
  assert.equal(result.success, false);
  assert.deepEqual(result.error?.issues.map((i) => i.path), [['nodes', 0, 'port']]);
});

test('a gRPC method without a service is reported at the Method name field, from the model\'s analysis', () => {
  const values = filledWizard();
  values.router.protocol = 'grpc';
  for (const node of values.nodes) node.protocol = 'grpc';
  values.nodes.forEach((n) => (n.healthCheck.enabled = false));
  values.route = { ...values.route, type: 'grpc', methodName: 'Get' };
  assert.equal(at('route.methodName', values), 'a method name needs a service name');
  values.route.serviceName = 'shop.Cart';
  assert.deepEqual(validateWizard(values), []);
});
