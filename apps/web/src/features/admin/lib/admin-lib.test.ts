import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditQueryString, filtersFrom, formatTime, newestFirst, type AuditEvent } from './audit-filters';
import { newKeyRequest, parseMeshList } from './key-form';

test('audit filters come from the page URL, blanks dropped, and go to the API in a fixed order', () => {
  const filters = filtersFrom(new URLSearchParams('mesh=shop&outcome=&key=%20MWK1%20&x=1'));
  assert.deepEqual(filters, { mesh: 'shop', key: 'MWK1' });
  assert.equal(auditQueryString(filters, 200), '?key=MWK1&mesh=shop&limit=200');
  assert.equal(auditQueryString({}), '');
});

test('audit events are shown newest first, whatever form their time takes', () => {
  const ev = (time: string | number, requestId: string): AuditEvent => ({ time, requestId, accessKeyId: 'k', operation: 'appmesh:CreateMesh', resource: '', outcome: 'ok' });
  const sorted = newestFirst([ev('2026-12-02T00:00:01Z', 'a'), ev(Date.parse('2026-12-02T00:00:03Z'), 'b'), ev('2026-12-02T00:00:02Z', 'c')]);
  assert.deepEqual(sorted.map((e) => e.requestId), ['b', 'c', 'a']);
  assert.equal(formatTime('2026-12-02T00:00:01.123Z'), '2026-12-02 00:00:01Z');
});

test('a new key needs a name, an editor at least one mesh; a viewer may be limited, an admin never', () => {
  assert.deepEqual(parseMeshList(' shop, payments\nshop ,, '), ['shop', 'payments']);
  assert.deepEqual(newKeyRequest(' ci ', 'viewer', ''), { ok: true, input: { name: 'ci', role: 'viewer' } });
  assert.deepEqual(newKeyRequest('ci', 'viewer', 'shop'), { ok: true, input: { name: 'ci', role: 'viewer', meshes: ['shop'] } });
  assert.deepEqual(newKeyRequest('ci', 'admin', 'shop'), { ok: true, input: { name: 'ci', role: 'admin' } });
  assert.deepEqual(newKeyRequest('ci', 'editor', 'shop'), { ok: true, input: { name: 'ci', role: 'editor', meshes: ['shop'] } });
  const noMesh = newKeyRequest('ci', 'editor', ' ');
  assert.equal(noMesh.ok, false);
  assert.equal(!noMesh.ok && noMesh.field, 'meshes');
  assert.equal(newKeyRequest('  ', 'admin', '').ok, false);
});
