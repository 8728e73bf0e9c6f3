// Every compiled fixture, for every node, in both modes, passes `envoy --mode validate` with
// deprecated features made fatal.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { compile, formatFinding, toEnvoyYaml, validateBundle, type MeshModel } from '@meshwright/model';
import { loadInputs } from '../load-inputs';
import { makeCerts } from '../../../../testkit/certs';
import { cornerMesh, shopMesh } from '../../../../testkit/proof-meshes';
import { validateWithEnvoy as envoyAccepts } from '../../../../testkit/envoy';
import { adsResourcesInline } from '../../../../testkit/envoy-proof';

const examples = new URL('../../../../examples/', import.meta.url).pathname;

/** The example as written, except that access logs go where this machine can write them. */
function exampleShop(): MeshModel {
  const { bundle } = loadInputs([join(examples, 'shop')]);
  const { model, findings } = validateBundle(bundle);
  assert.ok(model, findings.map(formatFinding).join('\n'));
  for (const node of model.virtualNodes) {
    const file = node.spec.logging?.accessLog?.file;
    if (file && !file.path.startsWith('/dev/')) file.path = '/tmp/mw-example-access.log';
  }
  return model;
}

const certs = makeCerts(['multi.corners.local']);

const fixtures: [string, MeshModel][] = [
  ['shop (DROP_ALL)', shopMesh({ upstream: {} }, 'DROP_ALL', '/tmp/mw-fixture-access.log')],
  ['shop (ALLOW_ALL)', shopMesh({ upstream: {} }, 'ALLOW_ALL', '/tmp/mw-fixture-access.log')],
  ['corners', cornerMesh(certs)],
  ['examples/shop', exampleShop()],
];

for (const [name, model] of fixtures) {
  test(`${name}: every node's static and ADS bootstraps and ADS resources pass envoy --mode validate`, async () => {
    const modes = ['static', 'ads', 'ads-resources'] as const;
    const jobs = model.virtualNodes.flatMap((n) => modes.map((mode) => ({ node: n.virtualNodeName, mode })));
    const failures: string[] = [];
    for (let i = 0; i < jobs.length; i += 2) {
      await Promise.all(jobs.slice(i, i + 2).map(async ({ node, mode }) => {
        const format = i % 4 === 0 ? 'json' : 'yaml';
        const bootstrap = mode === 'ads-resources' ? adsResourcesInline(compile(model, node, { mode: 'ads' })) : compile(model, node, { mode }).bootstrap;
        const text = format === 'json' ? JSON.stringify(bootstrap) : toEnvoyYaml(bootstrap);
        const verdict = await envoyAccepts(text, format);
        if (!verdict.ok) failures.push(`${node} (${mode}, ${format}): ${verdict.output}`);
      }));
    }
    assert.deepEqual(failures, []);
  });
}

test('corners: what compile cannot do is reported, each with its resource and path', () => {
  const { diagnostics, resources } = compile(cornerMesh(certs), 'multi');
  assert.deepEqual(
    diagnostics.map((d) => `${d.severity} ${d.code} ${d.resource.kind}/${d.resource.name} ${d.path}`),
    [
      'error compile.tls-unsupported virtualNode/multi spec.listeners[5].tls.certificate',
      'warning compile.route-no-target route/far-router/far spec.httpRoute.action.weightedTargets',
      'warning compile.cloud-map-unsupported route/far-router/far spec.httpRoute.action.weightedTargets[0].virtualNode',
    ],
  );
  const ingress = resources.listeners[0];
  assert.equal(ingress?.name, 'lds_ingress_0.0.0.0_15000');
  // Port 5000 (ACM certificate) is left out rather than served in plain text; 6000 has a TLS and a plain chain.
  const chains = (ingress?.filter_chains ?? []) as { filter_chain_match?: { destination_port: number; transport_protocol?: string } }[];
  assert.deepEqual(chains.map((c) => `${c.filter_chain_match?.destination_port}${c.filter_chain_match?.transport_protocol ? `/${c.filter_chain_match.transport_protocol}` : ''}`),
    ['6000/tls', '6000', '7000', '8080', '8443', '9000']);
  // backendDefaults asks for TLS on port 8443 only.
  const upstream = resources.clusters.filter((c) => c.name.startsWith('cds_egress_corners_multi_'));
  assert.deepEqual(upstream.map((c) => [c.name, c.transport_socket !== undefined]), [
    ['cds_egress_corners_multi_grpc_7000', false],
    ['cds_egress_corners_multi_http2_8443', true],
    ['cds_egress_corners_multi_http_5000', false],
    ['cds_egress_corners_multi_http_6000', false],
    ['cds_egress_corners_multi_http_8080', false],
    ['cds_egress_corners_multi_tcp_9000', false],
  ]);
});
