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
import { meshModelArb } from '../../../../testkit/mesh-arbitraries';
import { routeKindOf, type RouteKind } from '../route/schema';
import type { ClientPolicy } from '../virtual-node/tls';
import { itemsOf, withChange } from './test-change';

// Random meshes where many nodes call overlapping sets of services (some missing), each
// backend with its own client policy or none (one that cannot be compiled among them), and random
// changes as writes make them: a route's weights, any resource replaced, created or deleted, the mesh spec.
const certs = { caCert: '/certs/ca.pem', serverCert: '/certs/server.pem', serverKey: '/certs/server.key' };

const policies: (ClientPolicy | undefined)[] = [
  undefined,
  { tls: { validation: { trust: { file: { certificateChain: certs.caCert } } } } },
  // An SDS trust cannot be compiled: the backend's target clusters are left out and reported at its site.
  { tls: { validation: { trust: { sds: { secretName: 'ca' } } } } },
];

const backendSeed = fc.record({ service: fc.nat(), policy: fc.nat({ max: policies.length - 1 }) });

/** meshModelArb with every node calling up to 4 services (or a missing one), each with a policy picked from `policies`. */
const callersMeshArb: fc.Arbitrary<MeshModel> = fc
  .record({ mesh: meshModelArb(certs), backends: fc.array(fc.array(backendSeed, { maxLength: 4 }), { minLength: 6, maxLength: 6 }) })
  .map(({ mesh, backends }) => {
    const services = [...mesh.virtualServices.map((s) => s.virtualServiceName), 'missing.svc.local'];
    const virtualNodes = mesh.virtualNodes.map((n, i) => {
      if (i === 0) return n;
      const seeds = backends[i] ?? [];
      const list = seeds.map((b) => {
        const clientPolicy = policies[b.policy];
        const virtualServiceName = services[b.service % services.length] ?? 'missing.svc.local';
        return { virtualService: clientPolicy ? { virtualServiceName, clientPolicy } : { virtualServiceName } };
      });
      return list.length === 0 ? n : { ...n, spec: { ...n.spec, backends: list } };
    });
    return { ...mesh, virtualNodes };
  });

/** One write to a mesh: what it changed (as a change event names it) and the mesh after it. */
interface Change {
  kind: 'virtualNode' | 'virtualRouter' | 'virtualService' | 'route' | 'mesh';
  name: string;
  /** For a route weight change: the kind of the route. */
  weightOf?: RouteKind;
  after: MeshModel;
}

const changeSeed = fc.record({
  what: fc.constantFrom('weight', 'weight', 'item', 'mesh'),
  other: callersMeshArb,
  pick: fc.nat(),
  weights: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 4, maxLength: 4 }),
});
type ChangeSeed = typeof changeSeed extends fc.Arbitrary<infer T> ? T : never;
const changeSeeds = fc.array(changeSeed, { minLength: 1, maxLength: 4 });

/** The mesh after one change of the kind `seed.what` (a weight change falls back to an item change in a mesh without routes). */
function applyChange(model: MeshModel, seed: ChangeSeed): Change {
  const route = model.routes[seed.pick % Math.max(1, model.routes.length)];
  if (seed.what === 'weight' && route) {
    const kind = routeKindOf(route.spec);
    const body = route.spec[kind];
    if (body) {
      const weightedTargets = body.action.weightedTargets.map((t, i) => ({ ...t, weight: seed.weights[i % seed.weights.length] ?? 1 }));
      const spec = { ...route.spec, [kind]: { ...body, action: { ...body.action, weightedTargets } } };
      const name = `${route.virtualRouterName}/${route.routeName}`;
      return { kind: 'route', name, weightOf: kind, after: withChange(model, 'route', name, { ...route, spec }) };
    }
  }
  if (seed.what === 'mesh') {
    const spec = seed.other.mesh.spec;
    return { kind: 'mesh', name: model.mesh.meshName, after: { ...model, mesh: { ...model.mesh, spec } } };
  }
  const candidates = [...itemsOf(model), ...itemsOf(seed.other)];
  const chosen = candidates[seed.pick % candidates.length];
  if (!chosen) return { kind: 'mesh', name: model.mesh.meshName, after: model };
  const fromOther = itemsOf(seed.other).find((i) => i.kind === chosen.kind && i.name === chosen.name);
  return { kind: chosen.kind, name: chosen.name, after: withChange(model, chosen.kind, chosen.name, fromOther?.value) };
}

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
