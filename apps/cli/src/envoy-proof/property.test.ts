// Property: every valid mesh compiles to a configuration Envoy accepts. 200 random meshes, each
// validated by the real Envoy (one bootstrap per run), two runs at a time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compile, formatFinding, toEnvoyYaml, type MeshModel } from '@meshwright/model';
import { meshModelArb } from '../../../../testkit/mesh-arbitraries';
import { makeCerts } from '../../../../testkit/certs';
import { validateWithEnvoy as envoyAccepts } from '../../../../testkit/envoy';
import { assertValidByAnalysis, inPool } from '../../../../testkit/envoy-proof';

const RUNS = 200;
const SEED = 20261126;
/** What compile may still report about a valid mesh: things Envoy cannot do, never model mistakes. */
const EXPECTED_ON_VALID = new Set(['compile.cloud-map-unsupported', 'compile.tcp-route-shadowed', 'compile.route-no-target', 'compile.health-check-grpc-needs-http2']);

const models: MeshModel[] = fc.sample(meshModelArb(makeCerts(['a.mesh.local'])), { numRuns: RUNS, seed: SEED });

test('the generated meshes are valid by the model’s own analysis', () => {
  assertValidByAnalysis(models);
});

test(`${RUNS} random valid meshes compile to configurations Envoy accepts`, async () => {
  const failures: string[] = [];
  let validated = 0;
  await inPool(models, 2, async (model, i) => {
    const result = compile(model, 'n0', { mode: 'static' });
    const unexpected = result.diagnostics.filter((d) => !EXPECTED_ON_VALID.has(d.code));
    if (unexpected.length > 0) failures.push(`mesh #${i}: unexpected diagnostics ${unexpected.map(formatFinding).join('; ')}`);
    const verdict = await envoyAccepts(toEnvoyYaml(result.bootstrap));
    validated++;
    if (!verdict.ok) failures.push(`mesh #${i} rejected by Envoy:\n${verdict.output.slice(0, 1500)}\nmodel: ${JSON.stringify(model)}`);
  });
  assert.equal(validated, RUNS);
  assert.deepEqual(failures.slice(0, 3), [], `${failures.length} of ${RUNS} failed:\n${failures.map((f) => f.split("\n")[0] + " " + (f.split("\n")[1] ?? "").slice(-200)).join("\n")}`);
});
