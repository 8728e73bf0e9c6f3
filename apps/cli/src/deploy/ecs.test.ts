// The ECS output passes botocore's own parameter validation against RegisterTaskDefinition's input
// shape (the ECS API model ships with botocore), and its proxyConfiguration uses the node's ports.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deployOptionsSchema, exampleTaskDefinition, generateDeployment } from '@meshwright/model';
import { botocore } from './botocore';
import { productpage } from './fixture';

const { facts } = productpage();
const options = deployOptionsSchema.parse({ excludePorts: [5432] });

test('the example task definition is a valid RegisterTaskDefinition input', () => {
  assert.equal(botocore(exampleTaskDefinition(facts, options)), 'valid');
});

test('the generated files are the validated definition, and the check can fail', () => {
  const files = generateDeployment('ecs', facts, { excludePorts: [5432] }).files;
  const example = JSON.parse(files.find((f) => f.path === 'ecs/example-task-definition.json')?.content ?? '{}') as Record<string, unknown>;
  assert.equal(botocore(example), 'valid');
  assert.match(botocore({ ...example, proxyConfiguration: { type: 'APPMESH', properties: [] } }), /Missing required parameter.*containerName/s);
});

test('proxyConfiguration carries the App Mesh properties with the compiled ports and the exclusions', () => {
  const proxy = exampleTaskDefinition(facts, options).proxyConfiguration as { type: string; containerName: string; properties: { name: string; value: string }[] };
  assert.equal(proxy.type, 'APPMESH');
  assert.equal(proxy.containerName, 'envoy');
  assert.deepEqual(Object.fromEntries(proxy.properties.map((p) => [p.name, p.value])), {
    IgnoredUID: '1337',
    ProxyIngressPort: String(facts.ingressPort),
    ProxyEgressPort: String(facts.egressPort),
    AppPorts: '8080',
    EgressIgnoredIPs: '169.254.169.254,169.254.170.2',
    EgressIgnoredPorts: '5432',
  });
  const containers = exampleTaskDefinition(facts, options).containerDefinitions as Record<string, unknown>[];
  const envoy = containers.find((c) => c.name === 'envoy');
  assert.equal(envoy?.user, '1337');
  assert.deepEqual(containers.find((c) => c.name === 'app')?.dependsOn, [{ containerName: 'envoy', condition: 'HEALTHY' }]);
});
