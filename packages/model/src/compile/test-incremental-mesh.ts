// Test helper: random meshes where many nodes call overlapping sets of services (some missing), each
// backend with its own client policy or none (one that cannot be compiled among them), and random
// changes as writes make them: a route's weights, any resource replaced, created or deleted, the mesh spec.
import fc from 'fast-check';
import { meshModelArb } from '../../../../testkit/mesh-arbitraries';
import type { MeshModel } from '../input/mesh-model';
import { routeKindOf, type RouteKind } from '../route/schema';
import type { ClientPolicy } from '../virtual-node/tls';
import { itemsOf, withChange } from './test-change';

export const certs = { caCert: '/certs/ca.pem', serverCert: '/certs/server.pem', serverKey: '/certs/server.key' };

const policies: (ClientPolicy | undefined)[] = [
  undefined,
  { tls: { validation: { trust: { file: { certificateChain: certs.caCert } } } } },
  // An SDS trust cannot be compiled: the backend's target clusters are left out and reported at its site.
  { tls: { validation: { trust: { sds: { secretName: 'ca' } } } } },
];

const backendSeed = fc.record({ service: fc.nat(), policy: fc.nat({ max: policies.length - 1 }) });

/** meshModelArb with every node calling up to 4 services (or a missing one), each with a policy picked from `policies`. */
export const callersMeshArb: fc.Arbitrary<MeshModel> = fc
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
export interface Change {
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
export const changeSeeds = fc.array(changeSeed, { minLength: 1, maxLength: 4 });

/** The mesh after one change of the kind `seed.what` (a weight change falls back to an item change in a mesh without routes). */
export function applyChange(model: MeshModel, seed: ChangeSeed): Change {
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
