// A virtual gateway's deploy output: Envoy alone (no app, no redirection, no init container), its
// listener ports the compiled config's, the Kubernetes objects valid against the API's schemas and the
// ECS task definition valid against botocore's RegisterTaskDefinition input shape.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { DEPLOY_TARGETS, deployOptionsSchema, gatewayTaskDefinition, generateGatewayDeployment } from '@meshwright/model';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { botocore } from './botocore';
import { listenerPorts } from './fixture';
import { GATEWAY_PORTS, edgeGateway } from '../../../../testkit/deploy-gateway-fixture';

type Obj = Record<string, unknown>;
const { facts, staticBootstrap } = edgeGateway();
const filesOf = (target: (typeof DEPLOY_TARGETS)[number]) => new Map(generateGatewayDeployment(target, facts).files.map((f) => [f.path, f.content]));

test('the gateway facts carry the compiled gateway listener ports (and the ports tie to the compiled listeners)', () => {
  const compiled = [...listenerPorts(staticBootstrap)].filter(([name]) => name.startsWith('lds_ingress_')).map(([, p]) => p).sort((a, b) => a - b);
  assert.deepEqual(facts.listenerPorts, compiled);
  assert.deepEqual(facts.listenerPorts, GATEWAY_PORTS);
});

test('Kubernetes: a Secret, a Deployment with Envoy alone and a LoadBalancer Service, valid against the API schemas', () => {
  const text = filesOf('kubernetes').get('kubernetes/gateway.yaml') ?? '';
  const objects = parseAllDocuments(text).map((d) => d.toJS() as Obj);
  assert.deepEqual(objects.map((o) => o.kind), ['Secret', 'Deployment', 'Service']);
  const [secret, deployment, service] = objects as [Obj, Obj, Obj];
  new Secret(secret as ConstructorParameters<typeof Secret>[0]).validate();
  assert.equal((secret.stringData as Obj)['envoy.yaml'], facts.bootstrapYaml);
  new Deployment(deployment as ConstructorParameters<typeof Deployment>[0]).validate();
  new Service(service as ConstructorParameters<typeof Service>[0]).validate();
  const pod = ((deployment.spec as Obj).template as Obj).spec as Obj;
  assert.equal(pod.initContainers, undefined, 'no redirection init container');
  const containers = pod.containers as Obj[];
  assert.deepEqual(containers.map((c) => c.name), ['envoy']);
  const envoy = containers[0] as Obj;
  assert.deepEqual((envoy.ports as Obj[]).map((p) => p.containerPort), GATEWAY_PORTS);
  assert.match(JSON.stringify((envoy.readinessProbe as Obj).exec), new RegExp(`127\\.0\\.0\\.1/${facts.adminPort} .*GET /ready`));
  // Port 80 is below 1024 and Envoy is not root: the pod allows unprivileged ports.
  assert.deepEqual(pod.volumes, [{ name: 'meshwright-envoy', secret: { secretName: 'edge-envoy-bootstrap', defaultMode: 0o440 } }]);
  assert.equal((pod.securityContext as Obj).fsGroup, 1337);
  assert.equal((envoy.volumeMounts as Obj[])[0]?.readOnly, true);
  assert.deepEqual((pod.securityContext as Obj).sysctls, [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
  assert.equal((service.spec as Obj).type, 'LoadBalancer');
  assert.deepEqual(((service.spec as Obj).ports as Obj[]).map((p) => [p.port, p.targetPort]), [[80, 80], [8443, 8443]]);
  assert.throws(() => new Service({ ...service, spec: { ...(service.spec as Obj), type: 7 } } as unknown as ConstructorParameters<typeof Service>[0]).validate());
});

test('ECS: a task definition with Envoy alone and the listener port mappings passes botocore validation', () => {
  const file = filesOf('ecs').get('ecs/gateway-task-definition.json') ?? '{}';
  const def = JSON.parse(file) as Obj;
  assert.equal(botocore(def), 'valid');
  assert.deepEqual(def, gatewayTaskDefinition(facts, deployOptionsSchema.parse({})));
  assert.equal(def.proxyConfiguration, undefined, 'no redirection');
  assert.equal(file.includes(facts.bootstrapYaml.slice(0, 200)), false, 'the bootstrap is not in the task definition');
  assert.deepEqual((def.containerDefinitions as Obj[])[0]?.secrets, [{ name: 'MESHWRIGHT_BOOTSTRAP', valueFrom: 'arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:meshwright/gate/edge/envoy-bootstrap' }]);
  const containers = def.containerDefinitions as Obj[];
  assert.deepEqual(containers.map((c) => c.name), ['envoy']);
  assert.deepEqual((containers[0]?.portMappings as Obj[]).map((p) => p.containerPort), GATEWAY_PORTS);
  assert.match(botocore({ ...def, containerDefinitions: [{ ...containers[0], portMappings: [{ containerPort: '80' }] }] }), /Invalid type for parameter containerDefinitions\[0\]\.portMappings\[0\]\.containerPort/);
});

test('systemd and Docker: Envoy without iptables, the listener ports published', () => {
  const systemd = filesOf('systemd');
  assert.deepEqual([...systemd.keys()], ['systemd/meshwright-gateway-edge.service', 'systemd/envoy.yaml']);
  const unit = systemd.get('systemd/meshwright-gateway-edge.service') ?? '';
  assert.doesNotMatch(unit, /iptables|meshwright-redirect/);
  assert.match(unit, /AmbientCapabilities=CAP_NET_BIND_SERVICE/);
  const docker = filesOf('docker');
  assert.equal([...docker.keys()].some((p) => p.includes('redirect')), false);
  assert.match(docker.get('docker/run.sh') ?? '', /-p 80:80 -p 8443:8443 /);
  const compose = parseAllDocuments(docker.get('docker/compose.yaml') ?? '')[0]?.toJS() as { services: Record<string, Obj> };
  assert.deepEqual(compose.services.edge?.ports, ['80:80', '8443:8443']);
  assert.equal(compose.services.edge?.network_mode, undefined);
});

test('every gateway file names the Envoy version, the UID, the admin and the listener ports', () => {
  for (const target of DEPLOY_TARGETS) {
    const out = generateGatewayDeployment(target, facts, { envoyUid: 1500 });
    const assumed = new RegExp(`Tested with Envoy 1\\.40\\.0; Envoy runs as UID 1500; admin 127\\.0\\.0\\.1:${facts.adminPort}; listener ports 80,8443`);
    // Each file says it itself, bar the bootstrap (Envoy's own config); JSON in the container's Docker label.
    const files = out.files.filter((file) => !file.path.endsWith('envoy.yaml') && !file.path.endsWith('envoy-bootstrap.yaml'));
    assert.ok(files.length > 0, target);
    for (const f of files) assert.match(f.content, assumed, f.path);
    for (const f of out.files) if (f.path.endsWith('.sh')) assert.equal(spawnSync('sh', ['-n'], { input: f.content }).status, 0, f.path);
  }
});

test('systemd and Docker keep the bootstrap (it holds the client key) 0600, owned by the Envoy user, mounted read-only', () => {
  const systemd = generateGatewayDeployment('systemd', facts, { envoyUid: 1500 });
  assert.ok(systemd.notes.some((n) => n.includes('install -m 0600 -o 1500 -g 1500 systemd/envoy.yaml')));
  const docker = generateGatewayDeployment('docker', facts, { envoyUid: 1500 });
  const run = docker.files.find((f) => f.path === 'docker/run.sh')?.content ?? '';
  assert.match(run, /chmod 0600 envoy\.yaml && chown 1500:1500 envoy\.yaml\n(.|\n)*envoy\.yaml:ro/);
  assert.ok(docker.notes.some((n) => n.includes('chmod 0600 docker/envoy.yaml')));
});
