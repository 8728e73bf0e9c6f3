// Names that would collide as keys or could never be named again are refused with a message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMeshInputSchema, createVirtualNodeInputSchema } from '../input/cli-input';

const messageFor = (meshName: string) => createMeshInputSchema.safeParse({ meshName }).error?.issues.map((i) => i.message);

test('names with control characters are refused: NUL, a newline, DEL', () => {
  for (const name of ['a\u0000b', 'line\nbreak', 'del\u007f']) {
    assert.deepEqual(messageFor(name), ['must not contain control characters (U+0000 to U+001F, U+007F)'], JSON.stringify(name));
  }
});

test('names with a lone UTF-16 surrogate are refused; a real astral character is accepted', () => {
  assert.deepEqual(messageFor('\ud800x'), ['must be valid Unicode text (it contains a lone UTF-16 surrogate)']);
  assert.deepEqual(messageFor('x\udc00'), ['must be valid Unicode text (it contains a lone UTF-16 surrogate)']);
  assert.equal(messageFor('mesh-\u{1F600}'), undefined);
});

test('a backend naming a service with a NUL is refused at its path', () => {
  const r = createVirtualNodeInputSchema.safeParse({ meshName: 'm', virtualNodeName: 'n', spec: { backends: [{ virtualService: { virtualServiceName: 'a\u0000b' } }] } });
  assert.deepEqual(r.error?.issues.map((i) => i.path.join('.')), ['spec.backends.0.virtualService.virtualServiceName']);
});
