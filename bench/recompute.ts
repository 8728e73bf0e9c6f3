// In-process cost of the xDS recompute after one route weight change: the snapshot cache alone (compile,
// encode, hash; no gRPC), with the node `front` of bench/peers (32 backends) watched alone, and with 100 and
// 1,000 more watched nodes that all call the changed route. CPU time per change (process.cpuUsage), so
// figures hold on a machine other work loads too; "compile" is the part of it spent in compile (the rest:
// encoding, hashing, the cache). Compile is incremental: a weight change rebuilds the egress route
// configuration that holds the route (one object shared by the callers) and hands back the rest.
//   npx tsx bench/recompute.ts      (REPS=200)
import { loadavg } from 'node:os';
import type { MeshModel } from '@meshwright/model';
import { adsCompileNode } from '../apps/bff/src/xds/compile-node';
import { EnvoyTypes } from '../apps/bff/src/xds/protos';
import { SnapshotCache } from '../apps/bff/src/xds/snapshot-cache';

const REPS = Number(process.env.REPS ?? 200);
const SERVICES = 30;

const node = (port: number) => ({ listeners: [{ portMapping: { port, protocol: 'http' as const } }], serviceDiscovery: { dns: { hostname: '127.0.0.1' } } });
const split = (blue: number) => ({
  virtualRouterName: 'colors',
  routeName: 'split',
  spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'blue', weight: blue }, { virtualNode: 'green', weight: 100 - blue }] } } },
});

/** The mesh of bench/peers/seed.ts, plus `callers` nodes that call only colors.shop.local. */
function mesh(callers: number): MeshModel {
  const svc = Array.from({ length: SERVICES }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
  const colors = { virtualService: { virtualServiceName: 'colors.shop.local' } };
  return {
    mesh: { meshName: 'shop', spec: {} },
    virtualNodes: [
      { virtualNodeName: 'blue', spec: node(9001) },
      { virtualNodeName: 'green', spec: node(9002) },
      ...svc.map((name, i) => ({ virtualNodeName: name, spec: node(9100 + i) })),
      { virtualNodeName: 'front', spec: { backends: [colors, ...svc.map((name) => ({ virtualService: { virtualServiceName: `${name}.shop.local` } }))] } },
      ...Array.from({ length: callers }, (_, k) => ({ virtualNodeName: `sim-${k}`, spec: { backends: [colors] } })),
    ],
    virtualRouters: [{ virtualRouterName: 'colors', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    routes: [split(80)],
    virtualServices: [
      { virtualServiceName: 'colors.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'colors' } } } },
      ...svc.map((name) => ({ virtualServiceName: `${name}.shop.local`, spec: { provider: { virtualNode: { virtualNodeName: name } } } })),
    ],
    virtualGateways: [],
    gatewayRoutes: [],
  };
}

async function run(callers: number): Promise<void> {
  let model = mesh(callers);
  const types = new EnvoyTypes();
  const compileNode = adsCompileNode();
  let compileCpu = 0;
  const timed: typeof compileNode = (m, name, kind) => {
    const before = process.cpuUsage();
    try {
      return compileNode(m, name, kind);
    } finally {
      const used = process.cpuUsage(before);
      compileCpu += used.user + used.system;
    }
  };
  const cache = new SnapshotCache({ loadMeshModel: async () => model, compileNode: timed, types });
  let pushes = 0;
  const watcher = { snapshot: () => void pushes++, gone: (m: string) => { throw new Error(m); } };
  const watched = ['front', ...Array.from({ length: callers }, (_, k) => `sim-${k}`)];
  const change = (i: number) => {
    // As the write path builds it: a new model sharing every item but the changed route.
    model = { ...model, routes: [split(i % 2 === 0 ? 20 : 80)] };
    return cache.refreshMesh('shop', { kind: 'route', name: 'colors/split', model });
  };
  for (const nodeName of watched) cache.watch({ meshName: 'shop', nodeName }, watcher);
  // Warm-up: first snapshots, protos loaded, JIT settled.
  const reps = callers >= 1000 ? Math.max(10, REPS / 20) : callers >= 100 ? Math.max(20, REPS / 4) : REPS;
  for (let i = 0; i < Math.min(reps, 20); i++) await change(i);
  pushes = 0;
  compileCpu = 0;
  const cpu = process.cpuUsage();
  const wall = performance.now();
  for (let i = 0; i < reps; i++) await change(i);
  const used = process.cpuUsage(cpu);
  const wallMs = performance.now() - wall;
  if (pushes !== reps * watched.length) throw new Error(`expected ${reps * watched.length} pushes, got ${pushes}`);
  const perChange = (used.user + used.system) / reps;
  const what = callers === 0 ? 'front alone' : `${watched.length} watched nodes`;
  console.log(`${what.padStart(17)}: ${perChange.toFixed(0).padStart(7)} µs CPU per change (${(perChange / watched.length).toFixed(1)} µs per node, compile ${(compileCpu / reps / watched.length).toFixed(1)}; wall ${(wallMs * 1000 / reps).toFixed(0)} µs), ${reps} changes`);
}

console.log(`recompute after one route weight change (load ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
for (const callers of [0, 100, 1000]) await run(callers);
