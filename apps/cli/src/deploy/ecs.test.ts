// The ECS output passes botocore's own parameter validation against RegisterTaskDefinition's input
// shape (the ECS API model ships with botocore), and its proxyConfiguration uses the node's ports.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { deployOptionsSchema, exampleTaskDefinition, generateDeployment, readyCheck } from '@meshwright/model';
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
  // HEALTHY needs Envoy's health check: the same /ready check the netns proof runs against a real Envoy.
  assert.deepEqual((envoy?.healthCheck as { command: string[] }).command, ['CMD', ...readyCheck(facts)]);
});

test('the bootstrap (it holds the xDS client key) comes from the secret the user names, never inline', () => {
  const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n';
  const keyed = { ...facts, bootstrapYaml: `${facts.bootstrapYaml}# private_key: ${JSON.stringify(KEY)}\n` };
  const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:shop-productpage-AbCdEf';
  const out = generateDeployment('ecs', keyed, { bootstrapSecretArn: arn });
  for (const f of out.files.filter((f) => f.path.endsWith('.json'))) assert.doesNotMatch(f.content, /private_key|BEGIN|ads_config/, f.path);
  const def = JSON.parse(out.files.find((f) => f.path === 'ecs/example-task-definition.json')?.content ?? '{}') as Record<string, unknown>;
  assert.equal(botocore(def), 'valid');
  const envoy = (def.containerDefinitions as Record<string, unknown>[]).find((c) => c.name === 'envoy') ?? {};
  assert.deepEqual(envoy.secrets, [{ name: 'MESHWRIGHT_BOOTSTRAP', valueFrom: arn }]);
  assert.match(String(def.executionRoleArn), /^arn:aws:iam::/);
  assert.equal(out.files.find((f) => f.path === 'ecs/envoy-bootstrap.yaml')?.content, keyed.bootstrapYaml);
  assert.ok(out.notes.some((n) => n.includes('aws secretsmanager create-secret --name meshwright/shop/productpage/envoy-bootstrap --secret-string file://ecs/envoy-bootstrap.yaml')));
  // Without the flag, the placeholder says what to replace.
  const placeholder = exampleTaskDefinition(facts, options).containerDefinitions as Record<string, unknown>[];
  assert.match(JSON.stringify(placeholder), /arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:meshwright\/shop\/productpage\/envoy-bootstrap/);
});

test('the Envoy command writes the injected bootstrap to a 0600 file and starts Envoy from it', () => {
  const envoy = (exampleTaskDefinition(facts, options).containerDefinitions as Record<string, unknown>[]).find((c) => c.name === 'envoy') ?? {};
  assert.deepEqual(envoy.entryPoint, ['bash', '-c']);
  const [script] = envoy.command as string[];
  const dir = mkdtempSync(join(tmpdir(), 'mw-ecs-'));
  // Run the command with `envoy` replaced by a stand-in that reports the file it was given.
  const run = spawnSync('bash', ['-c', `envoy() { stat -c %a "$2"; }; ${(script ?? '').replaceAll('/tmp/', `${dir}/`).replace('exec envoy', 'envoy')}`], {
    env: { PATH: process.env.PATH ?? '', MESHWRIGHT_BOOTSTRAP: facts.bootstrapYaml }, encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^600\b/);
  assert.equal(readFileSync(join(dir, 'envoy.yaml'), 'utf8'), facts.bootstrapYaml);
});
