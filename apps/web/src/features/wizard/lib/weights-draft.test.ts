import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evenWeights, sharesOf } from './weights';
import { discardDraft, loadDraft, parseDraft, saveDraft, serializeDraft } from './draft';
import type { WizardValues } from './form-values';
import { filledWizard } from './test-fixtures';

test('shares are percentages of the total, even weights add up to 100', () => {
  assert.deepEqual(sharesOf([90, 10]), [90, 10]);
  assert.deepEqual(sharesOf([1, 1, 1]), [33.3, 33.3, 33.3]);
  assert.deepEqual(sharesOf([0, Number.NaN]), [0, 0]);
  assert.deepEqual(evenWeights(3), [34, 33, 33]);
  assert.equal(evenWeights(7).reduce((a, b) => a + b, 0), 100);
});

test('a draft survives storage, NaN included, and can be discarded', () => {
  const map = new Map<string, string>();
  const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
  const values = filledWizard();
  values.route.priority = Number.NaN;
  saveDraft(storage, { step: 2, values });
  const back = loadDraft(storage);
  assert.equal(back?.step, 2);
  assert.equal(back?.values.meshName, 'shop');
  assert.ok(Number.isNaN(back?.values.route.priority));
  discardDraft(storage);
  assert.equal(loadDraft(storage), undefined);
});

test('a draft that does not fit the form is ignored', () => {
  const storage = { getItem: () => '{"step":1,"values":{"meshName":3}}', setItem: () => {}, removeItem: () => {} };
  assert.equal(loadDraft(storage), undefined);
});

test('a draft saved before the gRPC fields existed still loads, with them empty', () => {
  const { route, ...rest } = filledWizard();
  const { serviceName: _s, methodName: _m, ...oldRoute } = route;
  const draft = parseDraft(serializeDraft({ step: 2, values: { ...rest, route: oldRoute } as unknown as WizardValues }));
  assert.equal(draft?.values.route.serviceName, '');
  assert.equal(draft?.values.route.methodName, '');
});
