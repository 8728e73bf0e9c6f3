// Both stores: a write happens fully or not at all, and a mesh reads back as a MeshModel.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { forEachStore, type OpenedStore } from '../../../../testkit/stores';
import { meshModelFromRows } from './mesh-model';
import { DuplicateKeyError, type StoredResource } from './types';

const row = (kind: StoredResource['kind'], name: string, spec: Record<string, unknown>, parentName = ''): StoredResource => ({
  kind,
  meshName: 'm',
  parentName,
  name,
  spec,
  tags: [],
  uid: `uid-${name}`,
  version: 1,
  createdAt: 1_700_000_000_000,
  lastUpdatedAt: 1_700_000_000_000,
});

forEachStore((variant) => {
  describe(`store (${variant.name})`, () => {
    let opened: OpenedStore;
    before(async () => {
      opened = await variant.open();
    });
    after(async () => {
      await opened?.dispose();
    });

    test('a transaction that fails part-way leaves nothing behind', async () => {
      const { store } = opened;
      const token = { operation: 'CreateMesh', token: 't1', fingerprint: 'f', response: {} };
      await store.apply([{ op: 'put', resource: row('mesh', 'm', {}) }], token);
      // Same token again violates the key after the resource rows were written: all must roll back.
      await assert.rejects(store.apply([{ op: 'put', resource: row('virtualNode', 'n1', {}) }, { op: 'put', resource: row('virtualNode', 'n2', {}) }], token));
      assert.equal(await store.count({ kind: 'virtualNode', meshName: 'm' }), 0);
      assert.deepEqual((await store.getClientToken('CreateMesh', 't1'))?.fingerprint, 'f');
      // insert refuses an existing key (a create racing another server), and rolls back the rest.
      await assert.rejects(
        store.apply([{ op: 'insert', resource: row('virtualNode', 'n3', {}) }, { op: 'insert', resource: row('mesh', 'm', {}) }]),
        DuplicateKeyError,
      );
      assert.equal(await store.count({ kind: 'virtualNode', meshName: 'm' }), 0);
    });

    test('a point read after writes gives what the database holds; a write that rolled back is never read', async () => {
      const { store } = opened;
      const key = { kind: 'virtualNode' as const, meshName: 'm', parentName: '', name: 'pr' };
      const stored = async () => (await store.listMesh('m')).find((r) => r.kind === 'virtualNode' && r.name === 'pr');
      await store.apply([{ op: 'put', resource: row('virtualNode', 'pr', { v: 1 }) }]);
      assert.deepEqual((await store.get(key))?.spec, { v: 1 });
      await store.apply([{ op: 'put', resource: { ...row('virtualNode', 'pr', { v: 2, gone: undefined }), version: 2 } }]);
      assert.deepEqual(await store.get(key), await stored(), 'as a fresh read of the row gives it');
      assert.equal((await store.get(key))?.version, 2);
      const token = { operation: 'UpdateVirtualNode', token: 'pr-token', fingerprint: 'f', response: {} };
      await store.apply([{ op: 'put', resource: row('mesh', 'm', {}) }], token);
      // The resource row is written, then the token's key is violated: the whole transaction rolls back.
      await assert.rejects(store.apply([{ op: 'put', resource: { ...row('virtualNode', 'pr', { v: 3 }), version: 3 } }], token));
      assert.deepEqual((await store.get(key))?.spec, { v: 2 });
      await store.apply([{ op: 'delete', key }]);
      assert.equal(await store.get(key), undefined);
    });

    test('a mesh reads back as a MeshModel, children sorted by name', async () => {
      const { store } = opened;
      await store.apply([
        { op: 'put', resource: row('virtualNode', 'b', { listeners: [] }) },
        { op: 'put', resource: row('virtualNode', 'a', {}) },
        { op: 'put', resource: row('virtualRouter', 'r', {}) },
        { op: 'put', resource: row('route', 'x', { httpRoute: {} }, 'r') },
        { op: 'put', resource: row('virtualService', 's.local', {}) },
      ]);
      const model = await store.loadMeshModel('m');
      assert.ok(model);
      assert.equal(model.mesh.meshName, 'm');
      assert.deepEqual(model.virtualNodes.map((n) => n.virtualNodeName), ['a', 'b']);
      assert.deepEqual(model.routes, [{ virtualRouterName: 'r', routeName: 'x', spec: { httpRoute: {} } }]);
      assert.equal(await store.loadMeshModel('other'), undefined);
      const page = await store.list({ kind: 'virtualNode', meshName: 'm', after: 'a', limit: 10 });
      assert.deepEqual(page.map((r) => r.name), ['b']);
      await store.apply([{ op: 'delete', key: { kind: 'virtualNode', meshName: 'm', parentName: '', name: 'a' } }]);
      assert.equal(await store.get({ kind: 'virtualNode', meshName: 'm', parentName: '', name: 'a' }), undefined);
    });

    test('the mesh model after more writes equals one freshly built from the stored rows', async () => {
      const { store } = opened;
      await store.loadMeshModel('m');
      await store.apply([
        { op: 'put', resource: row('virtualNode', 'aa', { backends: [] }) },
        { op: 'put', resource: { ...row('virtualNode', 'b', { listeners: [{ portMapping: { port: 1, protocol: 'http' } }] }), version: 2 } },
        { op: 'put', resource: row('route', 'w', {}, 'r') },
        { op: 'put', resource: row('route', 'a', {}, 'q') },
        { op: 'put', resource: { ...row('mesh', 'm', { egressFilter: { type: 'ALLOW_ALL' } }), tags: [{ key: 'k', value: 'v' }] } },
      ]);
      await store.apply([{ op: 'delete', key: { kind: 'route', meshName: 'm', parentName: 'r', name: 'x' } }]);
      const model = await store.loadMeshModel('m');
      assert.deepEqual(model, meshModelFromRows(await store.listMesh('m')));
      assert.deepEqual(model?.routes.map((r) => `${r.virtualRouterName}/${r.routeName}`), ['q/a', 'r/w']);
      assert.deepEqual(model?.virtualNodes.map((n) => n.virtualNodeName), ['aa', 'b']);
      await store.apply([{ op: 'delete', key: { kind: 'mesh', meshName: 'm', parentName: '', name: 'm' } }]);
      assert.equal((await store.loadMeshModel('m'))?.mesh.meshName, undefined, 'a deleted mesh is gone from the model cache');
    });
  });
}, 'store');
