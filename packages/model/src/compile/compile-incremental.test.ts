// Compile keeps pieces of its output between runs (node-compile.ts, backend-part.ts) and hands them back
// where a change cannot alter them. Two properties make that safe and worth it, on random meshes (many
// callers sharing services, client policies, missing backends) and random sequences of writes:
// - the result (resources, bootstrap, diagnostics, reads) deep-equals a cold compile of the changed mesh
//   (from a deep copy that shares no object with anything compiled before), in both modes;
// - what the change cannot alter is the very object compiled before: all of a node's output when its
//   reads miss the change, and after a route weight change everything but the egress route configuration
//   (ADS listeners included; a TCP route's change leaves every route configuration too).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { MeshModel } from '../input/mesh-model';
import type { EnvoyResource } from '../envoy/json';
import { compile, type CompileResult } from './compile';
import { compileWithReads, readKeyOf } from './compile-reads';
import { applyChange, callersMeshArb, changeSeeds, type Change } from './test-incremental-mesh';

const modes = ['ads', 'static'] as const;
type Mode = (typeof modes)[number];

/** What a proxy of each node gets (or the error compile threw), with the reads the xDS server keeps. */
type Output = { result: CompileResult; reads: ReadonlySet<string> } | string;

function outputs(model: MeshModel, mode: Mode, cold = false): Map<string, Output> {
  return new Map(model.virtualNodes.map((n): [string, Output] => {
    const name = n.virtualNodeName;
    try {
      const from = () => (cold ? structuredClone(model) : model);
      const result = compile(from(), name, { mode });
      const tracked = compileWithReads(from(), name, { mode });
      assert.deepEqual(tracked.result, { resources: result.resources, diagnostics: result.diagnostics });
      return [name, { result, reads: tracked.reads }];
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      return [name, `error: ${(e as Error).message}`];
    }
  }));
}

const counts = { kept: 0, rebuilt: 0 };

function same(before: EnvoyResource[], after: EnvoyResource[], what: string, keep: (r: EnvoyResource) => boolean): void {
  const old = new Map(before.map((r) => [r.name, r]));
  for (const r of after) {
    const was = old.get(r.name);
    if (!was || !keep(r)) {
      counts.rebuilt++;
      continue;
    }
    assert.equal(r, was, `${what} ${r.name} was built again`);
    counts.kept++;
  }
}

/** The objects of `before` that `change` cannot alter are the ones in `after`. */
function untouched(before: CompileResult, after: CompileResult, readsBefore: ReadonlySet<string>, change: Change, mode: Mode): void {
  const key = change.kind === 'mesh' ? undefined : readKeyOf(change.kind, change.name);
  const all = () => true;
  const { clusters, listeners, routes } = after.resources;
  if (key && !readsBefore.has(key) && !readsBefore.has('*')) {
    same(before.resources.clusters, clusters, 'cluster', all);
    same(before.resources.listeners, listeners, 'listener', all);
    same(before.resources.routes, routes, 'route configuration', all);
    return;
  }
  if (!change.weightOf) return;
  const tcp = change.weightOf === 'tcpRoute';
  same(before.resources.clusters, clusters, 'cluster', all);
  same(before.resources.routes, routes, 'route configuration', (r) => tcp || !r.name.startsWith('rds_egress_'));
  // Static listeners carry their route configuration inline; TCP destinations live in listeners.
  same(before.resources.listeners, listeners, 'listener', (l) => !tcp && (mode === 'ads' || l.name.startsWith('lds_ingress_')));
}

test('after random changes, compile equals a cold compile and hands back what the change cannot alter', () => {
  fc.assert(
    fc.property(callersMeshArb, changeSeeds, (start, seeds) => {
      let model = start;
      const before = new Map(modes.map((mode) => [mode, outputs(model, mode)]));
      for (const seed of seeds) {
        const change = applyChange(model, seed);
        for (const mode of modes) {
          const warm = outputs(change.after, mode);
          assert.deepEqual(warm, outputs(change.after, mode, true));
          for (const [node, out] of warm) {
            const old = before.get(mode)?.get(node);
            if (typeof out !== 'string' && old && typeof old !== 'string') untouched(old.result, out.result, old.reads, change, mode);
          }
          before.set(mode, warm);
        }
        model = change.after;
      }
    }),
    { numRuns: 150 },
  );
  // Both sides must have happened, or the property proved nothing about them.
  assert.ok(counts.kept > 1000 && counts.rebuilt > 100, `kept ${counts.kept}, rebuilt ${counts.rebuilt}`);
});

test('a route weight change builds the egress route configuration again, and nothing else', () => {
  const node = (port: number) => ({ listeners: [{ portMapping: { port, protocol: 'http' as const } }], serviceDiscovery: { dns: { hostname: `h${port}` } } });
  const split = (blue: number) => ({
    virtualRouterName: 'colors',
    routeName: 'split',
    spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'blue', weight: blue }, { virtualNode: 'green', weight: 100 - blue }] } } },
  });
  const before: MeshModel = {
    mesh: { meshName: 'm', spec: {} },
    virtualNodes: [
      { virtualNodeName: 'blue', spec: node(9001) },
      { virtualNodeName: 'green', spec: node(9002) },
      { virtualNodeName: 'api', spec: node(9003) },
      { virtualNodeName: 'front', spec: { ...node(80), backends: [{ virtualService: { virtualServiceName: 'colors' } }, { virtualService: { virtualServiceName: 'api' } }] } },
    ],
    virtualRouters: [{ virtualRouterName: 'colors', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    routes: [split(80)],
    virtualServices: [
      { virtualServiceName: 'colors', spec: { provider: { virtualRouter: { virtualRouterName: 'colors' } } } },
      { virtualServiceName: 'api', spec: { provider: { virtualNode: { virtualNodeName: 'api' } } } },
    ],
    virtualGateways: [],
    gatewayRoutes: [],
  };
  const after = { ...before, routes: [split(20)] };
  const a = compileWithReads(before, 'front', { mode: 'ads' }).result.resources;
  const b = compileWithReads(after, 'front', { mode: 'ads' }).result.resources;
  assert.deepEqual(b, compile(structuredClone(after), 'front', { mode: 'ads' }).resources);
  assert.ok(a.listeners.every((l, i) => l === b.listeners[i]), 'listeners kept');
  assert.ok(a.clusters.every((c, i) => c === b.clusters[i]), 'clusters kept');
  assert.deepEqual(b.routes.map((r, i) => r === a.routes[i]), [false, true], 'only rds_egress_http_15001 built again');
  assert.deepEqual(b.routes.map((r) => r.name), ['rds_egress_http_15001', 'rds_ingress_http_80']);
});
