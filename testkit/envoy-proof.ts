// Shared by the Envoy proofs (apps/cli/src/envoy-proof): run validations a few at a time, put what an
// ADS bootstrap would fetch inline so `envoy --mode validate` checks it too, and check that generated
// meshes are valid before they are compiled.
import assert from 'node:assert/strict';
import { bundleFromMeshModel, formatFinding, validateBundle, type CompileResult, type MeshModel } from '@meshwright/model';

/** Runs `work` over `items`, `size` at a time (each Envoy is a process; the machine has 2 cores). */
export async function inPool<T>(items: T[], size: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (item !== undefined) await work(item, i);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
}

const untype = ({ '@type': _t, ...rest }: Record<string, unknown>) => rest;

/**
 * What the xDS server serves for an ADS compile result (listeners with RDS over ADS, clusters), put
 * into its bootstrap's static resources; `--mode validate` does not fetch dynamic resources.
 */
export function adsResourcesInline({ bootstrap, resources }: CompileResult): Record<string, unknown> {
  const staticPart = bootstrap.static_resources as { clusters: unknown[] };
  const dynamicPart = bootstrap.dynamic_resources as { ads_config: unknown };
  return {
    ...bootstrap,
    dynamic_resources: { ads_config: dynamicPart.ads_config },
    static_resources: { clusters: [...staticPart.clusters, ...resources.clusters.map(untype)], listeners: resources.listeners.map(untype) },
  };
}

/**
 * That each generated mesh passes the model's own analysis without an error, so a property proof
 * compiles valid meshes only (their access logs go under /tmp, where the proofs read what Envoy wrote).
 */
export function assertValidByAnalysis(models: readonly MeshModel[]): void {
  for (const [i, model] of models.entries()) {
    const errors = validateBundle(bundleFromMeshModel(model), { accessLogRoots: ['/tmp'] }).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map(formatFinding), [], `mesh #${i}: ${JSON.stringify(model)}`);
  }
}
