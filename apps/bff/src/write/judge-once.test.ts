// Each write analyses the mesh once: the `after` model it judged is the object the SQLite store keeps,
// so its findings are the next write's `before` findings (judge.ts findingsOf). These properties are
// what makes that safe: over random meshes and random sequences of changes (created, replaced or
// deleted resources), the model the store keeps equals the mesh rebuilt from its rows, and the cached
// findings equal a full analysis of that rebuilt mesh.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeMesh, defaultAccessLogRoots, defaultQuotas, type MeshModel } from '@meshwright/model';
import { meshModelArb } from '../../../../testkit/mesh-arbitraries';
import { meshModelFromRows, withResource } from '../store/mesh-model';
import { openSqliteStore } from '../store/sqlite-store';
import type { ResourceKey, StoredResource } from '../store/types';
import { findingsOf } from './judge';

const certs = { caCert: '/certs/ca.pem', serverCert: '/certs/server.pem', serverKey: '/certs/server.key' };
const options = { quotas: defaultQuotas, accessLogRoots: defaultAccessLogRoots };

type Row = Omit<StoredResource, 'uid' | 'version' | 'createdAt' | 'lastUpdatedAt'>;

/** Every resource of a model as store rows (the mesh first); specs as JSON, as a request body brings them. */
function rowsOf(m: MeshModel): Row[] {
  const meshName = m.mesh.meshName;
  const row = (kind: StoredResource['kind'], name: string, spec: unknown, parentName = ''): Row => ({ kind, meshName, parentName, name, spec: JSON.parse(JSON.stringify(spec)) as Record<string, unknown>, tags: [] });
  return [
    row('mesh', meshName, m.mesh.spec),
    ...m.virtualNodes.map((n) => row('virtualNode', n.virtualNodeName, n.spec)),
    ...m.virtualRouters.map((r) => row('virtualRouter', r.virtualRouterName, r.spec)),
    ...m.routes.map((r) => row('route', r.routeName, r.spec, r.virtualRouterName)),
    ...m.virtualServices.map((s) => row('virtualService', s.virtualServiceName, s.spec)),
  ];
}

const stored = (r: Row): StoredResource => ({ ...r, uid: `${r.kind}/${r.parentName}/${r.name}`, version: 1, createdAt: 0, lastUpdatedAt: 0 });
const keyOf = (r: Row): ResourceKey => ({ kind: r.kind, meshName: r.meshName, parentName: r.parentName, name: r.name });
const same = (a: Row, b: Row) => a.kind === b.kind && a.parentName === b.parentName && a.name === b.name;

test('the model the store keeps after each write is the judged one, equal to its rows, and its cached findings are a full analysis', async () => {
  let deletes = 0;
  let hits = 0;
  await fc.assert(
    fc.asyncProperty(meshModelArb(certs), meshModelArb(certs), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), async (a, b, picks) => {
      const store = openSqliteStore({ dataDir: '', file: ':memory:' });
      try {
        await store.apply(rowsOf(a).map((r) => ({ op: 'insert' as const, resource: stored(r) })));
        const meshName = a.mesh.meshName;
        const fromB = rowsOf(b).slice(1);
        for (const pick of picks) {
          const current = rowsOf(meshModelFromRows(await store.listMesh(meshName)) as MeshModel).slice(1);
          const candidates = [...current, ...fromB];
          const chosen = candidates[pick % candidates.length];
          if (!chosen) continue;
          const before = await store.loadMeshModel(meshName);
          assert.ok(before);
          findingsOf(before, options);
          const replacement = fromB.find((r) => same(r, chosen));
          let judged: MeshModel | undefined;
          if (replacement) {
            // As the write path does: judge the mesh after the write, then commit it.
            const resource = stored(replacement);
            judged = withResource(before, resource);
            findingsOf(judged, options);
            await store.apply([{ op: 'put', resource }]);
          } else {
            deletes++;
            await store.apply([{ op: 'delete', key: keyOf(chosen) }]);
          }
          const kept = await store.loadMeshModel(meshName);
          assert.ok(kept);
          if (judged) {
            assert.equal(kept, judged, 'the store keeps the object the write judged');
            hits++;
          }
          const rebuilt = meshModelFromRows(await store.listMesh(meshName));
          assert.deepEqual(kept, rebuilt);
          assert.deepEqual(findingsOf(kept, options), analyzeMesh(rebuilt as MeshModel, options));
        }
      } finally {
        await store.close();
      }
    }),
    { numRuns: 150 },
  );
  // Both kinds of change happened, or the property proved less than it says.
  assert.ok(hits > 100 && deletes > 20, `${hits} replacements, ${deletes} deletes`);
});

test('findings are cached per options object: other options are analysed afresh', () => {
  const model = meshModelFromRows([stored({ kind: 'mesh', meshName: 'q', parentName: '', name: 'q', spec: {}, tags: [] })]) as MeshModel;
  const withNodes = withResource(model, stored({ kind: 'virtualNode', meshName: 'q', parentName: '', name: 'n', spec: {}, tags: [] }));
  assert.deepEqual(findingsOf(withNodes, options), []);
  const strict = { ...options, quotas: { ...defaultQuotas, virtualNodesPerMesh: 0 } };
  assert.deepEqual(findingsOf(withNodes, strict).map((f) => f.code), analyzeMesh(withNodes, strict).map((f) => f.code));
  assert.ok(findingsOf(withNodes, strict).length > 0);
});
