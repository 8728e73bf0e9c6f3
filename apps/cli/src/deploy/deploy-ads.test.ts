// `meshwright deploy` against a control plane whose proxies use other ports than the defaults (as
// PROXY_INGRESS_PORT / PROXY_EGRESS_PORT set them): the redirection and the pod's ports are the ports
// a real Envoy, started from the deploy's own ADS bootstrap, gets its listeners on over xDS.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Secret } from 'kubernetes-models/v1';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { useTestCredentialsInEnv } from '../../../../testkit/bff';
import { startEnvoy, type RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { apiJson } from '../../../../testkit/http';
import { freePort } from '../../../../testkit/ports';
import { startControlPlane, type ControlPlane } from '../../../../testkit/xds/control-plane';
import { main } from '../main';
import { reviewsBundle } from './fixture';

type Obj = Record<string, unknown>;
let cp: ControlPlane;
let envoy: RunningEnvoy | undefined;

before(async () => {
  useTestCredentialsInEnv();
  cp = await startControlPlane();
  const created = await apiJson(cp, 'POST', '/api/bundles', reviewsBundle({ v1: '127.0.0.1', v2: '127.0.0.1', db: '127.0.0.1' }));
  assert.equal(created.status, 201, await created.text());
});
after(async () => {
  await envoy?.stop();
  await cp?.close();
});

async function deployKubernetes(): Promise<Obj[]> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['deploy', '--endpoint', cp.url, '--mesh', 'shop', '--virtual-node', 'productpage', '--target', 'kubernetes'], { out: (l) => out.push(l), err: (l) => err.push(l) });
  assert.equal(code, 0, err.join('\n'));
  const example = /### kubernetes\/example\.yaml\n([\s\S]*?)(?=\n### |$)/.exec(out.join('\n'))?.[1] ?? '';
  return parseAllDocuments(example).map((d) => d.toJS() as Obj);
}

test("the pod's redirection and Envoy ports are the ones a real Envoy on the deploy's bootstrap listens on over ADS", async () => {
  const objects = await deployKubernetes();
  const secret = objects.find((o) => o.kind === 'Secret') ?? {};
  new Secret(secret as ConstructorParameters<typeof Secret>[0]).validate();
  const pod = ((((objects.find((o) => o.kind === 'Deployment') ?? {}).spec as Obj).template as Obj).spec as Obj);
  const init = (pod.initContainers as Obj[])[0] ?? {};
  const env = new Map((init.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
  const envoyContainer = (pod.containers as Obj[]).find((c) => c.name === 'envoy') ?? {};

  // The deploy's own bootstrap (the Secret's), with the admin port moved: tests share this machine.
  const bootstrap = parse(String((secret.stringData as Obj)['envoy.yaml'])) as { admin: { address: { socket_address: { port_value: number } } } };
  const adminPort = await freePort();
  bootstrap.admin.address.socket_address.port_value = adminPort;
  envoy = await startEnvoy(stringify(bootstrap), adminPort, { timeoutMs: 90_000 });
  type Listeners = { listener_statuses?: { name: string; local_address: { socket_address: { port_value: number } } }[] };
  // lds_ingress_ADDR_PORT and lds_egress_ADDR_PORT (compile's names); lds_egress_tcp_* serve apps that are not redirected.
  const kindOf = (name: string) => /^lds_(ingress|egress)_[\d.]+_\d+$/.exec(name)?.[1];
  const listeners = await eventually('Envoy has its listeners from ADS', async () =>
    ((await (await fetch(`http://127.0.0.1:${adminPort}/listeners?format=json`)).json()) as Listeners).listener_statuses ?? [],
  (l) => l.some((s) => kindOf(s.name) === 'ingress') && l.some((s) => kindOf(s.name) === 'egress'), 90_000);
  const portOf = (kind: string) => listeners.find((s) => kindOf(s.name) === kind)?.local_address.socket_address.port_value;
  const [ingress, egress] = [portOf('ingress'), portOf('egress')];

  assert.equal(egress, cp.egressPort, 'the control plane serves its own egress port');
  assert.notEqual(egress, 15001, 'not the default: a deploy that assumed it would miss Envoy');
  assert.equal(env.get('MW_INGRESS_PORT'), String(ingress));
  assert.equal(env.get('MW_EGRESS_PORT'), String(egress));
  assert.deepEqual((envoyContainer.ports as Obj[]).map((p) => p.containerPort), [ingress, egress]);
});
