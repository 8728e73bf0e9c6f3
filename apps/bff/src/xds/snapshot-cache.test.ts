// The snapshot cache on its own, without gRPC or streams: what a watcher gets when a mesh changes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MeshModel } from '@meshwright/model';
import { cluster, listener } from '../../../../testkit/xds/stub-xds';
import { EnvoyTypes } from './protos';
import { SnapshotCache } from './snapshot-cache';
import type { NodeSnapshot, ResourceSet } from './snapshot';

const types = new EnvoyTypes();
const web = { meshName: 'shop', nodeName: 'web' };
const set = (timeout: string): ResourceSet => ({ clusters: [cluster('a', timeout)], listeners: [listener('l', 15001)], routes: [] });

/** A mesh `shop` whose nodes compile to `output[node]` (a string output makes compile throw it). */
function setup(initial: Record<string, ResourceSet | string>) {
  let output = initial;
  let compiles = 0;
  const model = (): MeshModel => ({
    mesh: { meshName: 'shop', spec: {} },
    virtualNodes: Object.keys(output).map((virtualNodeName) => ({ virtualNodeName, spec: {} })),
    virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [],
  });
  const cache = new SnapshotCache({
    loadMeshModel: async (m) => (m === 'shop' ? model() : undefined),
    compileNode: (_m, node) => {
      compiles++;
      const out = output[node];
      if (typeof out !== 'object') throw new Error(out ?? `no output for ${node}`);
      return { resources: out };
    },
    types,
  });
  const got: NodeSnapshot[] = [];
  const gone: string[] = [];
  const cancel = cache.watch(web, { snapshot: (s) => got.push(s), gone: (m) => gone.push(m) });
  return {
    cache, got, gone, cancel,
    compiles: () => compiles,
    change: (next: Record<string, ResourceSet | string>) => (output = next),
  };
}

describe('snapshot cache', () => {
  it('gives a watcher a snapshot, nothing for an unchanged recompute, and a new one when the output changes', async () => {
    const t = setup({ web: set('1s') });
    await t.cache.refreshMesh('shop');
    assert.equal(t.got.length, 1);
    await t.cache.refreshMesh('shop');
    assert.equal(t.got.length, 1, 'same content, nothing delivered');
    t.change({ web: set('2s') });
    await t.cache.refreshMesh('shop');
    assert.equal(t.got.length, 2);
    assert.notEqual(t.got[0]?.resources.clusters.get('a')?.hash, t.got[1]?.resources.clusters.get('a')?.hash);
  });

  it('hands a late watcher the snapshot it already has, without recomputing', async () => {
    const t = setup({ web: set('1s') });
    await t.cache.refreshMesh('shop');
    const late: NodeSnapshot[] = [];
    t.cache.watch(web, { snapshot: (s) => late.push(s), gone: () => undefined });
    assert.equal(t.compiles(), 1);
    assert.equal(late[0], t.got[0]);
  });

  it('folds changes made during a recompute into one more run that sees the last of them', async () => {
    const t = setup({ web: set('1s') });
    const first = t.cache.refreshMesh('shop');
    t.change({ web: set('2s') });
    void t.cache.refreshMesh('shop');
    t.change({ web: set('3s') });
    await Promise.all([first, t.cache.refreshMesh('shop')]);
    assert.equal(t.compiles(), 2, 'three calls, two runs');
    const expected = setup({ web: set('3s') });
    await expected.cache.refreshMesh('shop');
    assert.equal(t.got.at(-1)?.resources.clusters.get('a')?.hash, expected.got[0]?.resources.clusters.get('a')?.hash);
  });

  it('keeps the last good snapshot and reports why when compile fails, and clears it once fixed', async () => {
    const t = setup({ web: set('1s') });
    await t.cache.refreshMesh('shop');
    t.change({ web: 'backend colors.shop.local has no provider' });
    await t.cache.refreshMesh('shop');
    assert.match(t.cache.configError(web) ?? '', /shop\/web not built: backend colors\.shop\.local has no provider/);
    assert.equal(t.cache.snapshot(web), t.got[0]);
    assert.equal(t.got.length, 1);
    t.change({ web: set('1s') });
    await t.cache.refreshMesh('shop');
    assert.equal(t.cache.configError(web), null);
    assert.equal(t.cache.snapshot(web), t.got[0], 'the same content as before the error: nothing new to push');
  });

  it('tells the watchers of a node that left its mesh, and forgets a node nobody watches', async () => {
    const t = setup({ web: set('1s') });
    await t.cache.refreshMesh('shop');
    t.change({ cart: set('1s') });
    await t.cache.refreshMesh('shop');
    assert.deepEqual(t.gone, ['virtual node "web" does not exist in mesh "shop"']);
    t.cancel();
    assert.equal(t.cache.snapshot(web), undefined);
  });

  it('recompiles on a change only the nodes whose last compile read the changed resource', async () => {
    const compiled: string[] = [];
    const model: MeshModel = {
      mesh: { meshName: 'shop', spec: {} },
      virtualNodes: [{ virtualNodeName: 'web', spec: {} }, { virtualNodeName: 'cart', spec: {} }],
      virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [],
    };
    const cache = new SnapshotCache({
      loadMeshModel: async () => model,
      compileNode: (_m, node) => {
        compiled.push(node);
        // web reads the router colors' routes; cart reads only itself.
        return { resources: set('1s'), reads: new Set(node === 'web' ? ['virtualNode:web', 'routesOf:colors'] : ['virtualNode:cart']) };
      },
      types,
    });
    for (const nodeName of ['web', 'cart']) cache.watch({ meshName: 'shop', nodeName }, { snapshot: () => undefined, gone: () => undefined });
    await cache.refreshMesh('shop', 'new');
    assert.deepEqual(compiled.splice(0).sort(), ['cart', 'web']);
    await cache.refreshMesh('shop', 'new');
    assert.deepEqual(compiled.splice(0), [], 'a connect recomputes only proxies without a snapshot');
    await cache.refreshMesh('shop', { kind: 'route', name: 'colors/split' });
    assert.deepEqual(compiled.splice(0), ['web']);
    await cache.refreshMesh('shop', { kind: 'virtualNode', name: 'cart' });
    assert.deepEqual(compiled.splice(0), ['cart']);
    await cache.refreshMesh('shop', { kind: 'virtualService', name: 'nobody.reads.this' });
    assert.deepEqual(compiled.splice(0), []);
    await cache.refreshMesh('shop', { kind: 'mesh', name: 'shop' });
    assert.deepEqual(compiled.splice(0).sort(), ['cart', 'web'], 'a mesh change reaches every node');
    await cache.refreshMesh('shop');
    assert.deepEqual(compiled.splice(0).sort(), ['cart', 'web'], 'a refresh without a change reaches every node');
  });

  it('pushes before refreshMesh returns when the change carries the mesh after it', async () => {
    const t = setup({ web: set('1s') });
    await t.cache.refreshMesh('shop');
    t.change({ web: set('2s') });
    const model: MeshModel = {
      mesh: { meshName: 'shop', spec: {} }, virtualNodes: [{ virtualNodeName: 'web', spec: {} }],
      virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [],
    };
    const done = t.cache.refreshMesh('shop', { kind: 'virtualNode', name: 'web', model });
    assert.equal(t.got.length, 2, 'delivered synchronously, without a store read');
    await done;
  });
});
