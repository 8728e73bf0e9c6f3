// analyzeChange reuses the findings of every subject a change cannot affect. These properties are what
// makes reusing safe: over random meshes (with gateways) and random sequences of puts and deletes of
// every kind (some judged and dropped, as refused writes are), the incremental analysis is, at every
// step, exactly analyzeMesh of the new mesh.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { gatewayMeshArb } from '../../../../testkit/gateway-arbitraries';
import type { MeshModel } from '../input/mesh-model';
import type { TagRef } from '../tags/schema';
import { analyzeMesh } from './analyze';
import type { AnalyzeOptions } from './context';
import type { ResourceId } from './finding';
import { analyzeChange, analyzeWithReads } from './incremental';

const certs = { caCert: '/certs/ca.pem', serverCert: '/certs/server.pem', serverKey: '/certs/server.key' };

type ListKey = Exclude<keyof MeshModel, 'mesh'>;
interface Item { list: ListKey; id: ResourceId; value: { tags?: TagRef[] } }

const kinds: Record<ListKey, (v: never) => ResourceId> = {
  virtualNodes: (v: MeshModel['virtualNodes'][number]) => ({ kind: 'virtualNode', name: v.virtualNodeName }),
  virtualRouters: (v: MeshModel['virtualRouters'][number]) => ({ kind: 'virtualRouter', name: v.virtualRouterName }),
  routes: (v: MeshModel['routes'][number]) => ({ kind: 'route', name: `${v.virtualRouterName}/${v.routeName}` }),
  virtualServices: (v: MeshModel['virtualServices'][number]) => ({ kind: 'virtualService', name: v.virtualServiceName }),
  virtualGateways: (v: MeshModel['virtualGateways'][number]) => ({ kind: 'virtualGateway', name: v.virtualGatewayName }),
  gatewayRoutes: (v: MeshModel['gatewayRoutes'][number]) => ({ kind: 'gatewayRoute', name: `${v.virtualGatewayName}/${v.gatewayRouteName}` }),
};
const lists = Object.keys(kinds) as ListKey[];
const idOf = (list: ListKey, v: unknown): ResourceId => (kinds[list] as (v: unknown) => ResourceId)(v);
const itemsOf = (m: MeshModel): Item[] => lists.flatMap((list) => (m[list] as Item['value'][]).map((value) => ({ list, id: idOf(list, value), value })));

/** `model` with the item put (replaced in place, or added at the end) or, without a value, deleted. */
function withChange(model: MeshModel, list: ListKey, id: ResourceId, value: unknown): MeshModel {
  const current = model[list] as unknown[];
  const at = current.findIndex((v) => idOf(list, v).name === id.name);
  const next = current.slice();
  if (value === undefined) next.splice(at, 1);
  else if (at >= 0) next[at] = value;
  else next.push(value);
  return { ...model, [list]: next };
}

/** The same gateway and routes under another gateway name, so meshes hold two gateways. */
function renamedGateway(m: MeshModel, name: string): MeshModel {
  return {
    ...m,
    virtualGateways: m.virtualGateways.map((g) => ({ ...g, virtualGatewayName: name })),
    gatewayRoutes: m.gatewayRoutes.map((r) => ({ ...r, virtualGatewayName: name })),
  };
}

/** Versions that break what refers to them: no listeners, so targets, providers and routes stop fitting. */
function broken(m: MeshModel): MeshModel {
  return {
    ...m,
    virtualNodes: m.virtualNodes.map((n) => ({ virtualNodeName: n.virtualNodeName, spec: {} })),
    virtualRouters: m.virtualRouters.map((r) => ({ virtualRouterName: r.virtualRouterName, spec: { listeners: [] } })),
    virtualServices: m.virtualServices.map((s) => ({ virtualServiceName: s.virtualServiceName, spec: {} })),
    virtualGateways: m.virtualGateways.map((g) => ({ ...g, spec: { listeners: [] } })),
  };
}

const tags = fc.option(fc.uniqueArray(fc.record({ key: fc.constantFrom('team', 'env', 'tier'), value: fc.constant('x') }), { minLength: 1, maxLength: 3, selector: (t) => t.key }), { nil: undefined });
const tight: AnalyzeOptions['quotas'] = {
  virtualNodesPerMesh: 4, virtualServicesPerMesh: 5, virtualRoutersPerMesh: 2, virtualGatewaysPerMesh: 1,
  routesPerRouter: 2, backendsPerNode: 3, targetsPerRoute: 2, tagsPerResource: 1, gatewayRoutesPerGateway: 3,
};
const optionsArb = fc.record({ tight: fc.boolean(), meshExists: fc.boolean(), meshCount: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }) })
  .map(({ tight: t, meshExists, meshCount }): AnalyzeOptions => ({ ...(t ? { quotas: tight } : {}), meshExists, ...(meshCount === undefined ? {} : { meshCount }) }));

// refused: a change judged first and dropped (a refused write); the next change starts from the same analysis.
const step = fc.record({ pick: fc.nat(), del: fc.nat({ max: 3 }), tags, refused: fc.option(fc.nat(), { nil: undefined }) });
const scenario = fc.record({
  a: gatewayMeshArb(certs),
  b: gatewayMeshArb(certs),
  c: gatewayMeshArb(certs),
  options: optionsArb,
  steps: fc.array(step, { minLength: 1, maxLength: 12 }),
});

test('after every put or delete, the incremental analysis is analyzeMesh of the new mesh', () => {
  let recomputed = 0;
  let subjects = 0;
  let refusals = 0;
  fc.assert(
    fc.property(scenario, ({ a, b, c, options, steps }) => {
      // What a change may put: another mesh's versions, a second gateway's, and broken ones.
      const pool = [...itemsOf(b), ...itemsOf(renamedGateway(c, 'g1')), ...itemsOf(broken(c))];
      let model = a;
      let analysis = analyzeWithReads(model, options);
      assert.deepEqual(analysis.findings, analyzeMesh(model, options));
      for (const { pick, del, tags: t, refused } of steps) {
        const current = itemsOf(model);
        const dropped = refused === undefined ? undefined : pool[refused % pool.length];
        if (dropped) {
          const other = withChange(model, dropped.list, dropped.id, dropped.value);
          assert.deepEqual(analyzeChange(analysis, other, dropped.id).findings, analyzeMesh(other, options), `after refused ${dropped.id.kind} ${dropped.id.name}`);
          refusals++;
        }
        const deleting = del === 0 && current.length > 0;
        const chosen = deleting ? current[pick % current.length] : pool[pick % pool.length];
        if (!chosen) continue;
        const value = deleting ? undefined : { ...chosen.value, ...(t ? { tags: t } : {}) };
        model = withChange(model, chosen.list, chosen.id, value);
        const next = analyzeChange(analysis, model, chosen.id);
        assert.deepEqual(next.findings, analyzeMesh(model, options), `after ${deleting ? 'deleting' : 'putting'} ${chosen.id.kind} ${chosen.id.name}`);
        recomputed += next.recomputed;
        subjects += analyzeWithReads(model, options).recomputed;
        analysis = next;
      }
    }),
    { numRuns: 200 },
  );
  // Most subjects survive a change, or the property proved nothing about reuse.
  assert.ok(recomputed * 3 < subjects, `${recomputed} of ${subjects} subjects ran again`);
  assert.ok(refusals > 200, `${refusals} refused changes`);
});

test('the mesh itself changing re-runs what read it', () => {
  const model: MeshModel = { mesh: { meshName: 'm', spec: {} }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [] };
  const options = { quotas: { tagsPerResource: 1 } };
  const tagged = { ...model, mesh: { ...model.mesh, tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] } };
  const next = analyzeChange(analyzeWithReads(model, options), tagged, { kind: 'mesh', name: 'm' });
  assert.deepEqual(next.findings, analyzeMesh(tagged, options));
  assert.equal(next.findings[0]?.code, 'quota.tags-per-resource');
});
