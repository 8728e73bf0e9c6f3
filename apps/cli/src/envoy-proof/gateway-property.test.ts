// Property: every valid mesh's gateway compiles to a configuration Envoy accepts. 200 random gateways
// in front of random meshes, each validated by the real Envoy (one bootstrap per gateway), two at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compileGateway, formatFinding, toEnvoyYaml, type MeshModel } from '@meshwright/model';
import { gatewayMeshArb } from '../../../../testkit/gateway-arbitraries';
import { makeCerts } from '../../../../testkit/certs';
import { validateWithEnvoy as envoyAccepts } from '../../../../testkit/envoy';
import { assertValidByAnalysis, inPool } from '../../../../testkit/envoy-proof';

const RUNS = 200;
const SEED = 20261202;
/** What compile may still report about a valid mesh: things Envoy cannot do, never model mistakes. */
const EXPECTED_ON_VALID = new Set(['compile.cloud-map-unsupported', 'compile.route-no-target', 'compile.health-check-grpc-needs-http2', 'compile.client-policy-conflict']);

const models: MeshModel[] = fc.sample(gatewayMeshArb(makeCerts(['a.mesh.local'])), { numRuns: RUNS, seed: SEED });

test('the generated gateways are valid by the model’s own analysis, and most have routes', () => {
  assertValidByAnalysis(models);
  const routes = models.reduce((n, m) => n + m.gatewayRoutes.length, 0);
  assert.ok(routes > RUNS * 2, `only ${routes} gateway routes in ${RUNS} meshes: the generator hardly exercises routes`);
});

const BATCH = 10;

/**
 * The static bootstrap of gateway `g0` of mesh #i, renamed so that several fit one Envoy: its own
 * mesh name (cluster names carry it) and its own loopback addresses (listener names carry them).
 */
function bootstrapOf(model: MeshModel, i: number) {
  const renamed = { ...model, mesh: { ...model.mesh, meshName: `prop${i}` } };
  const host = `127.0.${Math.floor(i / 250) + 1}.${(i % 250) + 1}`;
  const result = compileGateway(renamed, 'g0', { mode: 'static', listenerAddress: host, localAppAddress: host });
  return result;
}

/** One Envoy config holding the static resources of several gateways' bootstraps. */
function merged(items: { model: MeshModel; i: number }[]): string {
  const parts = items.map(({ model, i }) => bootstrapOf(model, i).bootstrap.static_resources as { listeners: unknown[]; clusters: unknown[] });
  const first = items[0] && bootstrapOf(items[0].model, items[0].i).bootstrap;
  return toEnvoyYaml({ ...first, static_resources: { listeners: parts.flatMap((p) => p.listeners), clusters: parts.flatMap((p) => p.clusters) } });
}

test(`${RUNS} random valid gateways compile to configurations Envoy accepts (validated ${BATCH} to an Envoy)`, async () => {
  const failures: string[] = [];
  let validated = 0;
  const batches = Array.from({ length: Math.ceil(RUNS / BATCH) }, (_, b) => models.slice(b * BATCH, (b + 1) * BATCH).map((model, k) => ({ model, i: b * BATCH + k })));
  await inPool(batches, 2, async (batch) => {
    for (const { model, i } of batch) {
      const unexpected = bootstrapOf(model, i).diagnostics.filter((d) => !EXPECTED_ON_VALID.has(d.code));
      if (unexpected.length > 0) failures.push(`mesh #${i}: unexpected diagnostics ${unexpected.map(formatFinding).join('; ')}`);
    }
    const verdict = await envoyAccepts(merged(batch));
    validated += batch.length;
    if (verdict.ok) return;
    // Name the gateway Envoy refuses: validate the batch's members one by one.
    for (const item of batch) {
      const one = await envoyAccepts(merged([item]));
      if (!one.ok) failures.push(`mesh #${item.i} rejected by Envoy:\n${one.output.slice(0, 1500)}\nmodel: ${JSON.stringify({ virtualGateways: item.model.virtualGateways, gatewayRoutes: item.model.gatewayRoutes })}`);
    }
    if (!failures.some((f) => batch.some((b) => f.startsWith(`mesh #${b.i} rejected`)))) failures.push(`batch from mesh #${batch[0]?.i ?? 0} rejected, each alone accepted:\n${verdict.output.slice(0, 1500)}`);
  });
  assert.equal(validated, RUNS);
  assert.deepEqual(failures.slice(0, 3), [], `${failures.length} failures`);
});
