// compileWithReads is what lets the xDS server skip nodes a change cannot affect. These properties are
// what makes skipping safe: on random meshes and random changes (a resource created, replaced or
// deleted), a node whose recorded reads miss the changed resource compiles to exactly what it did
// before, and the tracked compile is the same compile.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { meshModelArb } from '../../../../testkit/mesh-arbitraries';
import type { MeshModel } from '../input/mesh-model';
import { compile } from './compile';
import { compileWithReads, readKeyOf } from './compile-reads';
import { itemsOf, withChange } from './test-change';

const certs = { caCert: '/certs/ca.pem', serverCert: '/certs/server.pem', serverKey: '/certs/server.key' };
const options = { mode: 'ads' as const };

/** Compile's resources, or the error it threw: either way what a proxy would get. */
function output(model: MeshModel, node: string): string {
  try {
    return JSON.stringify(compile(model, node, options).resources);
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const change = fc.record({ a: meshModelArb(certs), b: meshModelArb(certs), pick: fc.nat() });

test('a node whose reads miss the changed resource compiles to the same output', () => {
  let skipped = 0;
  fc.assert(
    fc.property(change, ({ a, b, pick }) => {
      // The change: one resource of either mesh takes b's version in a (created, replaced or deleted).
      const candidates = [...itemsOf(a), ...itemsOf(b)];
      const chosen = candidates[pick % candidates.length];
      if (!chosen) return;
      const fromB = itemsOf(b).find((i) => i.kind === chosen.kind && i.name === chosen.name);
      const after = withChange(a, chosen.kind, chosen.name, fromB?.value);
      const key = readKeyOf(chosen.kind, chosen.name);
      assert.ok(key);
      for (const node of a.virtualNodes.map((n) => n.virtualNodeName)) {
        const { reads } = compileWithReads(a, node, options);
        if (reads.has('*') || reads.has(key)) continue;
        skipped++;
        assert.equal(output(after, node), output(a, node), `${node} read ${[...reads].join(', ')} but changed with ${key}`);
      }
    }),
    { numRuns: 300 },
  );
  // The property must have had nodes to skip, or it proved nothing.
  assert.ok(skipped > 100, `only ${skipped} skipped nodes checked`);
});

test('the tracked compile is the same compile, without the bootstrap', () => {
  fc.assert(
    fc.property(meshModelArb(certs), (model) => {
      for (const n of model.virtualNodes) {
        const { resources, diagnostics } = compile(model, n.virtualNodeName, options);
        assert.deepEqual(compileWithReads(model, n.virtualNodeName, options).result, { resources, diagnostics });
      }
    }),
    { numRuns: 100 },
  );
});

test('a node reads itself, its backends and what provides them, and looks no further', () => {
  const model: MeshModel = {
    mesh: { meshName: 'm', spec: {} },
    virtualNodes: [
      { virtualNodeName: 'front', spec: { backends: [{ virtualService: { virtualServiceName: 'api.local' } }] } },
      { virtualNodeName: 'api', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'api' } } } },
      { virtualNodeName: 'other', spec: { listeners: [{ portMapping: { port: 9090, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'other' } } } },
    ],
    virtualRouters: [],
    routes: [],
    virtualServices: [{ virtualServiceName: 'api.local', spec: { provider: { virtualNode: { virtualNodeName: 'api' } } } }],
    virtualGateways: [],
    gatewayRoutes: [],
  };
  const { reads } = compileWithReads(model, 'front', options);
  assert.ok(reads.has('virtualNode:front') && reads.has('virtualService:api.local') && reads.has('virtualNode:api'), [...reads].join(', '));
  assert.ok(!reads.has('virtualNode:other') && !reads.has('*'), [...reads].join(', '));
});
