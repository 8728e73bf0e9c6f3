import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stepOfField, wizardFieldForBundlePath, wizardFieldForResource } from './field-paths';

test('bundle paths lead to the wizard field', () => {
  assert.equal(wizardFieldForBundlePath('mesh.meshName'), 'meshName');
  assert.equal(wizardFieldForBundlePath('virtualNodes[1].spec.listeners[0].portMapping.port'), 'nodes.1.port');
  assert.equal(wizardFieldForBundlePath('virtualNodes[0].spec.listeners[0].healthCheck.timeoutMillis'), 'nodes.0.healthCheck.timeoutMillis');
  assert.equal(wizardFieldForBundlePath('virtualNodes[0].spec.backends[2].virtualService.virtualServiceName'), 'nodes.0.backends.2.name');
  assert.equal(wizardFieldForBundlePath('routes[0].spec.httpRoute.action.weightedTargets[1].weight'), 'route.targets.1.weight');
  assert.equal(wizardFieldForBundlePath('routes[0].spec.httpRoute.match.prefix'), 'route.prefix');
  assert.equal(wizardFieldForBundlePath('virtualServices[0].virtualServiceName'), 'virtualServiceName');
});

test('findings about a named resource lead to that resource\'s fields', () => {
  const names = { nodes: ['a', 'b'] };
  assert.equal(wizardFieldForResource('virtualNode', 'b', 'spec.logging.accessLog.file.path', names), 'nodes.1.logPath');
  assert.equal(wizardFieldForResource('route', 'r/route', 'spec.httpRoute.action.weightedTargets[0].virtualNode', names), 'route.targets.0.node');
  assert.equal(wizardFieldForResource('mesh', 'shop', '', names), 'meshName');
  assert.equal(wizardFieldForResource('virtualNode', 'zzz', 'spec', names), undefined);
});

test('each field belongs to its step', () => {
  assert.equal(stepOfField('meshName'), 0);
  assert.equal(stepOfField('nodes.1.port'), 1);
  assert.equal(stepOfField('route.targets.0.weight'), 2);
});
