// Versions name content: equal resources give equal versions whether a set has one resource (remembered
// per encoded resource) or many (hashed each time), and any change of content gives another.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EnvoyTypes } from './protos';
import { buildSnapshot, EncodeCache, TYPE_URL, versionOf } from './snapshot';

const types = new EnvoyTypes();
const route = (name: string, prefix: string) => ({ '@type': TYPE_URL.routes, name, virtual_hosts: [{ name: 'vh', domains: ['*'], routes: [{ match: { prefix }, route: { cluster: 'c' } }] }] });

function routesOf(resources: object[], cache = new EncodeCache()) {
  return [...buildSnapshot(types, 'm', 'n', { clusters: [], listeners: [], routes: resources }, cache).resources.routes.values()];
}

test('a one-resource set has the version of its content, remembered or not', () => {
  const [a] = routesOf([route('r', '/a')]);
  const [sameContent] = routesOf([route('r', '/a')]);
  const [other] = routesOf([route('r', '/b')]);
  assert.ok(a && sameContent && other);
  assert.notEqual(a, sameContent, 'two caches: two encoded objects');
  assert.equal(versionOf([a]), versionOf([a]));
  assert.equal(versionOf([a]), versionOf([sameContent]));
  assert.notEqual(versionOf([a]), versionOf([other]));
});

test('a set of several resources is versioned whatever their order, and differs from its parts', () => {
  const [x, y] = routesOf([route('x', '/x'), route('y', '/y')]);
  assert.ok(x && y);
  assert.equal(versionOf([x, y]), versionOf([y, x]));
  assert.notEqual(versionOf([x, y]), versionOf([x]));
  assert.notEqual(versionOf([x]), versionOf([y]));
  assert.equal(versionOf([]), versionOf([]));
});
