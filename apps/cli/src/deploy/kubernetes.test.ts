// The Kubernetes output parses, validates against the Kubernetes API's OpenAPI schemas, and uses
// the ports of the compiled configuration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateDeployment } from '@meshwright/model';
import { Deployment } from 'kubernetes-models/apps/v1';
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { listenerPorts, productpage } from './fixture';

type Obj = Record<string, unknown>;
const { facts, staticBootstrap } = productpage();
const files = new Map(generateDeployment('kubernetes', facts, { envoyUid: 1337 }).files.map((f) => [f.path, f.content]));
const docs = (path: string): Obj[] => {
  const text = files.get(path);
  assert.ok(text, `${path} was generated`);
  return parseAllDocuments(text).map((d) => {
    assert.deepEqual(d.errors, [], `${path} parses`);
    return d.toJS() as Obj;
  });
};

function validate(obj: Obj): void {
  const kinds: Record<string, (o: Obj) => { validate: () => void }> = {
    Deployment: (o) => new Deployment(o as ConstructorParameters<typeof Deployment>[0]),
    Service: (o) => new Service(o as ConstructorParameters<typeof Service>[0]),
    ConfigMap: (o) => new ConfigMap(o as ConstructorParameters<typeof ConfigMap>[0]),
    Secret: (o) => new Secret(o as ConstructorParameters<typeof Secret>[0]),
  };
  const make = kinds[String(obj.kind)];
  assert.ok(make, `unexpected kind ${String(obj.kind)}`);
  make(obj).validate();
}

test('the complete example validates against the Kubernetes API schemas', () => {
  const objects = docs('kubernetes/example.yaml');
  assert.deepEqual(objects.map((o) => o.kind), ['ConfigMap', 'Secret', 'Deployment', 'Service']);
  for (const o of objects) validate(o);
});

// A bootstrap as the server serves it since ADR 007: the proxy's client key inline.
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n';
const keyed = { ...facts, bootstrapYaml: `${facts.bootstrapYaml}# private_key: ${JSON.stringify(KEY)}\n` };

test('the bootstrap and its client key are in a Secret mounted read-only into Envoy, never in a ConfigMap', () => {
  const out = new Map(generateDeployment('kubernetes', keyed, { envoyUid: 1337 }).files.map((f) => [f.path, f.content]));
  for (const path of ['kubernetes/configmap.yaml', 'kubernetes/example.yaml']) {
    const objects = parseAllDocuments(out.get(path) ?? '').map((d) => d.toJS() as Obj);
    for (const cm of objects.filter((o) => o.kind === 'ConfigMap')) assert.doesNotMatch(JSON.stringify(cm), /private_key|BEGIN/, path);
    const secret = objects.find((o) => o.kind === 'Secret');
    assert.equal(secret?.type, 'Opaque', path);
    assert.equal((secret?.stringData as Obj)['envoy.yaml'], keyed.bootstrapYaml, path);
    validate(secret ?? {});
  }
  const pod = ((docs('kubernetes/example.yaml')[2]?.spec as Obj).template as Obj).spec as Obj;
  const volume = (pod.volumes as Obj[]).find((v) => v.secret !== undefined);
  assert.deepEqual(volume?.secret, { secretName: 'productpage-envoy-bootstrap', defaultMode: 0o440 });
  assert.equal((pod.securityContext as Obj).fsGroup, 1337, 'the 0440 files are group-owned by the Envoy GID');
  const envoy = (pod.containers as Obj[]).find((c) => c.name === 'envoy') ?? {};
  const mount = (envoy.volumeMounts as Obj[]).find((m) => m.name === volume?.name);
  assert.equal(mount?.readOnly, true);
  assert.deepEqual((envoy.args as string[]).slice(0, 2), ['-c', `${String(mount?.mountPath)}/envoy.yaml`]);
  const init = (pod.initContainers as Obj[])[0] ?? {};
  assert.equal((init.volumeMounts as Obj[]).some((m) => m.name === volume?.name), false, 'the init container does not see the key');
});

test('the schema check can fail: a container port as a string is rejected', () => {
  const [, , deployment] = docs('kubernetes/example.yaml');
  assert.ok(deployment);
  const broken = JSON.parse(JSON.stringify(deployment).replace('"containerPort":15000', '"containerPort":"15000"')) as Obj;
  assert.throws(() => validate(broken));
});

test('the patch merged into an existing Deployment (by container name, as strategic merge does) validates', () => {
  const [patch] = docs('kubernetes/deployment-patch.yaml');
  const podSpec = ((patch?.spec as Obj).template as Obj).spec as Obj;
  const existing: Obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'productpage' },
    spec: {
      selector: { matchLabels: { app: 'productpage' } },
      template: {
        metadata: { labels: { app: 'productpage' } },
        spec: {
          containers: [{ name: 'app', image: 'shop/productpage:1', ports: [{ containerPort: 8080 }] }],
          ...{ initContainers: podSpec.initContainers, volumes: podSpec.volumes },
        },
      },
    },
  };
  const spec = ((existing.spec as Obj).template as Obj).spec as Obj;
  spec.containers = [...(spec.containers as Obj[]), ...(podSpec.containers as Obj[])];
  validate(existing);
  assert.deepEqual((spec.containers as Obj[]).map((c) => c.name), ['app', 'envoy']);
});

test("the pod's Envoy and init container use the ports of the compiled configuration", () => {
  const [, , deployment] = docs('kubernetes/example.yaml');
  const pod = (((deployment?.spec as Obj).template as Obj).spec as Obj);
  const init = (pod.initContainers as Obj[])[0] as Obj;
  const env = new Map((init.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
  const envoy = (pod.containers as Obj[]).find((c) => c.name === 'envoy') as Obj;
  const compiled = listenerPorts(staticBootstrap as Obj);
  const ingress = [...compiled].find(([n]) => n.startsWith('lds_ingress_'))?.[1];
  const egress = [...compiled].find(([n]) => n.startsWith('lds_egress_0'))?.[1];
  const admin = (((staticBootstrap as Obj).admin as Obj).address as Obj).socket_address as Obj;
  assert.equal(env.get('MW_INGRESS_PORT'), String(ingress));
  assert.equal(env.get('MW_EGRESS_PORT'), String(egress));
  // Redirected TCP goes to the egress port too (the listener picks its chain by original port): no per-port rule.
  assert.equal(env.get('MW_TCP_EGRESS'), undefined);
  assert.equal(env.get('MW_ADMIN_PORT'), String(admin.port_value));
  assert.equal(env.get('MW_APP_PORTS'), '8080');
  assert.equal(env.get('MW_ENVOY_UID'), '1337');
  assert.deepEqual((envoy.ports as Obj[]).map((p) => p.containerPort), [ingress, egress]);
  assert.equal((envoy.securityContext as Obj).runAsUser, 1337);
  assert.deepEqual(((init.securityContext as Obj).capabilities as Obj).add, ['NET_ADMIN', 'NET_RAW']);
  // The scheduler reserves room for both: requests on Envoy and on the init container.
  for (const c of [envoy, init]) assert.deepEqual(Object.keys(((c.resources as Obj).requests ?? {}) as Obj).sort(), ['cpu', 'memory'], String(c.name));
  assert.match(JSON.stringify(envoy.readinessProbe), new RegExp(`/dev/tcp/127.0.0.1/${String(admin.port_value)}.*GET /ready`));
  // The Secret carries the ADS bootstrap Envoy starts from.
  const [, secret] = docs('kubernetes/configmap.yaml');
  assert.match(String((secret?.stringData as Obj)['envoy.yaml']), /ads_config/);
});
