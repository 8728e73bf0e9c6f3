import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canCreateMeshes, canWriteMesh, describeKey, isAdmin, type SessionKey } from './permissions';

const key = (role: SessionKey['role'], meshes: string[] = []): SessionKey => ({ accessKeyId: 'MW1', name: 'ops', role, meshes });

test('an admin writes every mesh, an editor only its own, a viewer none', () => {
  assert.equal(canWriteMesh(key('admin'), 'shop'), true);
  assert.equal(canWriteMesh(key('editor', ['shop']), 'shop'), true);
  assert.equal(canWriteMesh(key('editor', ['shop']), 'payments'), false);
  assert.equal(canWriteMesh(key('viewer', ['shop']), 'shop'), false);
  assert.equal(canWriteMesh(undefined, 'shop'), false);
});

test('only admins and editors with meshes may create meshes; only admins manage keys', () => {
  assert.equal(canCreateMeshes(key('admin')), true);
  assert.equal(canCreateMeshes(key('editor', ['shop'])), true);
  assert.equal(canCreateMeshes(key('editor')), false);
  assert.equal(canCreateMeshes(key('viewer')), false);
  assert.equal(isAdmin(key('admin')), true);
  assert.equal(isAdmin(key('editor', ['shop'])), false);
});

test('the header names the key, its role and an editor\'s meshes', () => {
  assert.equal(describeKey(key('viewer')), 'ops (viewer)');
  assert.equal(describeKey(key('editor', ['shop', 'pay'])), 'ops (editor of shop, pay)');
});
