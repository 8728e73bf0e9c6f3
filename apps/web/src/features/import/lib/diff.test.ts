import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffBundles, differingPaths } from './diff';

const server = {
  mesh: { meshName: 'shop', spec: {} },
  virtualNodes: [
    { meshName: 'shop', virtualNodeName: 'web', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } },
    { meshName: 'shop', virtualNodeName: 'old', spec: {} },
  ],
  routes: [{ meshName: 'shop', virtualRouterName: 'r', routeName: 'main', spec: { httpRoute: { match: { prefix: '/' } } } }],
};

test('each resource is added, changed (with the differing paths), unchanged or only on the server', () => {
  const imported = {
    mesh: { meshName: 'shop' },
    virtualNodes: [
      { meshName: 'shop', virtualNodeName: 'web', spec: { listeners: [{ portMapping: { port: 9090, protocol: 'http' } }] } },
      { meshName: 'shop', virtualNodeName: 'api', spec: {} },
    ],
    routes: [{ meshName: 'shop', virtualRouterName: 'r', routeName: 'main', spec: { httpRoute: { match: { prefix: '/' } } }, tags: [] }],
  };
  assert.deepEqual(diffBundles(imported, server), [
    { kind: 'mesh', name: 'shop', state: 'unchanged', paths: [] },
    { kind: 'virtualNode', name: 'api', state: 'added', paths: [] },
    { kind: 'virtualNode', name: 'old', state: 'server-only', paths: [] },
    { kind: 'virtualNode', name: 'web', state: 'changed', paths: ['spec.listeners[0].portMapping.port'] },
    { kind: 'route', name: 'r/main', state: 'unchanged', paths: [] },
  ]);
});

test('routes of one name under two routers are different resources', () => {
  const imported = { mesh: { meshName: 'shop' }, routes: [{ virtualRouterName: 'other', routeName: 'main', spec: {} }] };
  const states = diffBundles(imported, server).filter((d) => d.kind === 'route').map((d) => `${d.name}:${d.state}`);
  assert.deepEqual(states, ['other/main:added', 'r/main:server-only']);
});

test('a tag or an array length difference is named by its path', () => {
  assert.deepEqual(differingPaths({ tags: [{ key: 'a', value: '1' }] }, { tags: [] }), ['tags[0]']);
  assert.deepEqual(differingPaths({ a: [1, 2] }, { a: [1] }), ['a[1]']);
  assert.deepEqual(differingPaths({ a: 'x' }, { a: 'y' }), ['a']);
});
