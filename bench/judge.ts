// The cost of judging one write: findingsOf (apps/bff/src/write/judge.ts) on the mesh after each of a
// chain of single-resource changes, as the write path makes them (withResource on the model before).
// Each write's `after` is analysed once; the next write starts from it. Meshes are built in-process:
// the peers mesh of bench/peers/change-to-envoy.ts (front calling 31 services, 33 nodes) and a
// 1,000-node mesh shaped as bench/compile.ts's (each node calls 5 services, each a router with one
// route of 3 weighted targets). Changes: UpdateRoute (a weight), UpdateVirtualNode (a backend swapped).
//   npx tsx bench/judge.ts        (CHANGES=2000 ROUNDS=5)
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultAccessLogRoots, defaultQuotas, type MeshModel } from '@meshwright/model';
import { meshModelFromRows, withResource } from '../apps/bff/src/store/mesh-model';
import type { StoredResource } from '../apps/bff/src/store/types';
import { findingsOf } from '../apps/bff/src/write/judge';

const CHANGES = Number(process.env.CHANGES ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const options = { quotas: defaultQuotas, accessLogRoots: defaultAccessLogRoots };

const row = (kind: StoredResource['kind'], name: string, spec: unknown, parentName = ''): StoredResource =>
  ({ kind, meshName: 'shop', parentName, name, spec: spec as Record<string, unknown>, tags: [], uid: `${kind}/${parentName}/${name}`, version: 1, createdAt: 0, lastUpdatedAt: 0 });
const node = (port: number, backends: string[] = []) => ({
  listeners: [{ portMapping: { port, protocol: 'http' } }],
  serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
  ...(backends.length > 0 ? { backends: backends.map((b) => ({ virtualService: { virtualServiceName: b } })) } : {}),
});
const split = (targets: [string, number][]) => ({ httpRoute: { match: { prefix: '/' }, action: { weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) } } });

interface Bench { rows: StoredResource[]; route: (i: number) => StoredResource; node: (i: number) => StoredResource }

/** bench/peers/seed.ts's mesh. */
function peersMesh(services = 30): Bench {
  const svc = Array.from({ length: services }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
  const backends = ['colors.shop.local', ...svc.map((s) => `${s}.shop.local`)];
  return {
    rows: [
      row('mesh', 'shop', {}),
      row('virtualNode', 'blue', node(9001)),
      row('virtualNode', 'green', node(9002)),
      row('virtualRouter', 'colors', { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] }),
      row('route', 'split', split([['blue', 80], ['green', 20]]), 'colors'),
      row('virtualService', 'colors.shop.local', { provider: { virtualRouter: { virtualRouterName: 'colors' } } }),
      ...svc.flatMap((s, i) => [row('virtualNode', s, node(9100 + i)), row('virtualService', `${s}.shop.local`, { provider: { virtualNode: { virtualNodeName: s } } })]),
      row('virtualNode', 'front', { backends: backends.map((b) => ({ virtualService: { virtualServiceName: b } })) }),
    ],
    route: (i) => row('route', 'split', split([['blue', 80 - (i % 50)], ['green', 20 + (i % 50)]]), 'colors'),
    node: (i) => row('virtualNode', 'front', { backends: backends.map((b, k) => ({ virtualService: { virtualServiceName: k === 1 && i % 2 ? 'svc-00.shop.local' : b } })) }),
  };
}

/** bench/compile.ts's mesh of `size` nodes, routers, routes and services. */
function largeMesh(size: number): Bench {
  const n = (i: number) => `node-${i % size}`;
  const s = (i: number) => `svc-${i % size}.bench.local`;
  const backends = (i: number) => Array.from({ length: 5 }, (_, k) => s(i + k + 1));
  return {
    rows: [
      row('mesh', 'shop', {}),
      ...Array.from({ length: size }, (_, i) => [
        row('virtualNode', n(i), node(8080, backends(i))),
        row('virtualRouter', `router-${i}`, { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] }),
        row('route', 'split', split([[n(i), 50], [n(i + 1), 30], [n(i + 2), 20]]), `router-${i}`),
        row('virtualService', s(i), { provider: { virtualRouter: { virtualRouterName: `router-${i}` } } }),
      ]).flat(),
    ],
    route: (i) => row('route', 'split', split([[n(i), 50 - (i % 40)], [n(i + 1), 30 + (i % 40)], [n(i + 2), 20]]), `router-${i % size}`),
    node: (i) => row('virtualNode', n(i), node(8080, backends(i + (i % 2)))),
  };
}

/** µs per judged write over `CHANGES` changes, best of ROUNDS rounds, and the CPU time per write. */
function time(bench: Bench, change: (i: number) => StoredResource): { wall: number; cpu: number; findings: number } {
  let best = Infinity;
  let bestCpu = Infinity;
  let findings = 0;
  for (let round = 0; round < ROUNDS; round++) {
    let model = meshModelFromRows(bench.rows) as MeshModel;
    findingsOf(model, options);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < CHANGES; i++) {
      model = withResource(model, change(i));
      findings += findingsOf(model, options).length;
    }
    best = Math.min(best, ((performance.now() - t0) * 1000) / CHANGES);
    const used = process.cpuUsage(cpu0);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / CHANGES);
  }
  return { wall: best, cpu: bestCpu, findings };
}

const fmtLoad = () => loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`${cpus().length} cpus, load average before: ${fmtLoad()}`);
console.log('mesh                         change              µs per judged write (best round)  CPU µs per write');
for (const [label, bench] of [['peers (33 nodes, 35 routes+services)', peersMesh()], ['1,000 nodes', largeMesh(1000)]] as const) {
  for (const [what, change] of [['UpdateRoute', bench.route], ['UpdateVirtualNode', bench.node]] as const) {
    const r = time(bench, change);
    console.log(`${label.padEnd(28)} ${what.padEnd(19)} ${r.wall.toFixed(1).padStart(33)}  ${r.cpu.toFixed(1).padStart(16)}`);
  }
}
console.log(`load average after: ${fmtLoad()}`);
