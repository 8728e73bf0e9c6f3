import assert from 'node:assert/strict';
import { test } from 'node:test';
import shop from '../../../../examples/shop-bundle.json' with { type: 'json' };
import { validateBundle } from '../analysis/validate-bundle';
import { blockingReferences, meshReferences } from './mesh-references';

const model = () => validateBundle(shop).model ?? assert.fail('shop mesh is valid');

test('every reference of the shop mesh is resolved, in a stable order by relation', () => {
  const refs = meshReferences(model());
  assert.ok(refs.length > 0);
  assert.ok(refs.every((r) => r.resolved));
  const relations = refs.map((r) => r.relation);
  const order = ['provider', 'router', 'target', 'gateway', 'gatewayTarget', 'backend'];
  assert.deepEqual(relations, [...relations].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
});

test('a target naming a missing node is an unresolved reference at its JSON path', () => {
  const m = model();
  const route = m.routes.find((r) => r.routeName === 'split') ?? assert.fail();
  const targets = route.spec.httpRoute?.action.weightedTargets ?? assert.fail();
  targets[1] = { ...targets[1], virtualNode: 'ghost', weight: 5 };
  const ghost = meshReferences(m).filter((r) => !r.resolved);
  assert.deepEqual(ghost, [{ relation: 'target', from: { kind: 'route', name: 'catalog-router/split' }, path: 'spec.httpRoute.action.weightedTargets[1].virtualNode', to: { kind: 'virtualNode', name: 'ghost' }, resolved: false, weight: 5 }]);
});

test('a route target blocks deleting its node; a backend does not block deleting its service', () => {
  const m = model();
  const target = m.routes[0]?.spec.httpRoute?.action.weightedTargets[0]?.virtualNode ?? assert.fail();
  assert.ok(blockingReferences(m, { kind: 'virtualNode', name: target }).some((r) => r.relation === 'target'));
  const backend = m.virtualNodes.flatMap((n) => n.spec.backends ?? [])[0]?.virtualService?.virtualServiceName ?? assert.fail();
  assert.ok(blockingReferences(m, { kind: 'virtualService', name: backend }).every((r) => r.relation !== 'backend'));
});
