// Compile hands back the objects it built before for output a change cannot alter (the xDS encoder
// then knows them by identity). Reuse must never change what a proxy gets: on random meshes and random
// changes, compiling after a warm compile of the mesh before equals a cold compile of the changed mesh
// (each node from its own deep copy, sharing no object with anything compiled before), and unchanged targets keep their objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { meshModelArb } from '../../../../testkit/mesh-arbitraries';
import type { MeshModel } from '../input/mesh-model';
import { compile, type EnvoyResources } from './compile';
import { itemsOf, withChange } from './test-change';

const certs = { caCert: '/certs/ca.pem', serverCert: '/certs/server.pem', serverKey: '/certs/server.key' };
const options = { mode: 'ads' as const };

/** Every node's resources, or the error compile threw; `cold`: each from its own deep copy of the mesh. */
function outputs(model: MeshModel, cold = false): Map<string, EnvoyResources | string> {
  return new Map(model.virtualNodes.map((n): [string, EnvoyResources | string] => {
    try {
      return [n.virtualNodeName, compile(cold ? structuredClone(model) : model, n.virtualNodeName, options).resources];
    } catch (e) {
      return [n.virtualNodeName, `error: ${(e as Error).message}`];
    }
  }));
}

test('compiling after a change equals a cold compile of the changed mesh', () => {
  let reused = 0;
  fc.assert(
    fc.property(fc.record({ a: meshModelArb(certs), b: meshModelArb(certs), pick: fc.nat() }), ({ a, b, pick }) => {
      const candidates = [...itemsOf(a), ...itemsOf(b)];
      const chosen = candidates[pick % candidates.length];
      if (!chosen) return;
      const fromB = itemsOf(b).find((i) => i.kind === chosen.kind && i.name === chosen.name);
      const after = withChange(a, chosen.kind, chosen.name, fromB?.value);
      const before = outputs(a);
      const warm = outputs(after);
      assert.deepEqual(warm, outputs(after, true));
      for (const [node, out] of warm) {
        const old = before.get(node);
        if (typeof out === 'string' || typeof old === 'string' || !old) continue;
        reused += out.clusters.filter((c) => old.clusters.includes(c)).length;
      }
    }),
    { numRuns: 300 },
  );
  // Reuse must have happened, or the property proved nothing about it.
  assert.ok(reused > 100, `only ${reused} clusters reused`);
});
