import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '@meshwright/model';
import { errorForFinding, mostTelling } from './finding-errors';

const finding = (category: Finding['category'], code: Finding['code'] = 'schema.invalid'): Finding => ({
  code,
  severity: 'error',
  category,
  resource: { kind: 'virtualNode', name: 'web' },
  path: 'spec.listeners[0]',
  message: 'is wrong',
});

test('each finding category becomes the App Mesh error App Mesh would send', () => {
  const types = (['conflict', 'reference', 'quota', 'spec', 'consistency'] as const).map((c) => {
    const e = errorForFinding(finding(c));
    return `${c}:${e.status}:${e.type}`;
  });
  assert.deepEqual(types, [
    'conflict:409:ConflictException',
    'reference:404:NotFoundException',
    'quota:400:LimitExceededException',
    'spec:400:BadRequestException',
    'consistency:400:BadRequestException',
  ]);
});

test('the path leads the message unless the error names the field apart', () => {
  assert.equal(errorForFinding(finding('spec')).message, 'spec.listeners[0]: is wrong');
  const bundleError = errorForFinding(finding('spec'), { field: 'virtualNodes[0].spec.listeners[0]' });
  assert.equal(bundleError.message, 'is wrong');
  assert.deepEqual(bundleError.detail, { resource: { kind: 'virtualNode', name: 'web' }, field: 'virtualNodes[0].spec.listeners[0]' });
  // A write that breaks another resource names that resource.
  assert.equal(errorForFinding(finding('spec'), {}, true).message, 'virtual node web spec.listeners[0]: is wrong');
});

test('a write fails with its conflict first, then references, quotas and the other rules', () => {
  const all = [finding('consistency'), finding('spec'), finding('quota'), finding('reference'), finding('conflict')];
  const order: string[] = [];
  for (let rest = all; rest.length > 0; ) {
    const first = mostTelling(rest);
    assert.ok(first);
    order.push(first.category);
    rest = rest.filter((f) => f !== first);
  }
  assert.deepEqual(order, ['conflict', 'reference', 'quota', 'spec', 'consistency']);
});
