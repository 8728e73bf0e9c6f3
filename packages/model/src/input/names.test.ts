import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toFieldIssues } from '../common/issues';
import { validateBundle } from '../analysis/validate-bundle';
import { createMeshInputSchema, createVirtualNodeInputSchema } from './cli-input';

const issues = (r: { error?: Parameters<typeof toFieldIssues>[0] }) => (r.error ? toFieldIssues(r.error) : []);

test('a name with "/" is refused: it would make ARNs and Envoy node ids ambiguous', () => {
  assert.deepEqual(issues(createMeshInputSchema.safeParse({ meshName: 'a/b' })), [{ path: 'meshName', message: 'must not contain "/"' }]);
});

test('an empty required name reads "is required"; a long one states the length rule', () => {
  assert.deepEqual(issues(createMeshInputSchema.safeParse({ meshName: '' })), [{ path: 'meshName', message: 'is required' }]);
  assert.deepEqual(issues(createMeshInputSchema.safeParse({ meshName: 'm'.repeat(256) })), [
    { path: 'meshName', message: 'must be 1 to 255 characters long' },
  ]);
});

test('clientToken is at most 36 letters, digits, "-" or "_"', () => {
  const base = { meshName: 'shop', virtualNodeName: 'n', spec: {} };
  assert.equal(createVirtualNodeInputSchema.safeParse({ ...base, clientToken: '0f8fad5b-d9cb-469f-a165-70867728950e' }).success, true);
  assert.deepEqual(issues(createVirtualNodeInputSchema.safeParse({ ...base, clientToken: 'bad token!' })), [
    { path: 'clientToken', message: 'must be at most 36 letters, digits, "-" or "_"' },
  ]);
  assert.equal(createVirtualNodeInputSchema.safeParse({ ...base, clientToken: 'a'.repeat(37) }).success, false);
});

test('a bundle without a mesh is reported at `mesh`', () => {
  const { findings } = validateBundle({});
  assert.deepEqual(findings.map((f) => [f.resource.kind, f.path, f.message]), [['mesh', 'mesh', 'is required']]);
});
