// Gateway routes refer to their gateway and to their target virtual service; both keep the target from being deleted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shopWithGateway } from '../virtual-gateway/test-gateway';
import { validateBundle } from '../analysis/validate-bundle';
import { blockingReferences, meshReferences } from './mesh-references';

const model = () => validateBundle(shopWithGateway()).model ?? assert.fail('shop mesh with a gateway is valid');

test('each gateway route refers to its gateway and to its target service, named <gateway>/<route>', () => {
  const refs = meshReferences(model()).filter((r) => r.from.kind === 'gatewayRoute');
  assert.deepEqual(refs, [
    { relation: 'gateway', from: { kind: 'gatewayRoute', name: 'ingress/catalog' }, path: 'virtualGatewayName', to: { kind: 'virtualGateway', name: 'ingress' }, resolved: true },
    { relation: 'gateway', from: { kind: 'gatewayRoute', name: 'ingress/frontend' }, path: 'virtualGatewayName', to: { kind: 'virtualGateway', name: 'ingress' }, resolved: true },
    { relation: 'gatewayTarget', from: { kind: 'gatewayRoute', name: 'ingress/catalog' }, path: 'spec.httpRoute.action.target.virtualService.virtualServiceName', to: { kind: 'virtualService', name: 'catalog.shop.local' }, resolved: true, port: 9080 },
    { relation: 'gatewayTarget', from: { kind: 'gatewayRoute', name: 'ingress/frontend' }, path: 'spec.httpRoute.action.target.virtualService.virtualServiceName', to: { kind: 'virtualService', name: 'frontend.shop.local' }, resolved: true },
  ]);
});

test('a gateway route naming a missing gateway or service is an unresolved reference', () => {
  const m = model();
  const r = m.gatewayRoutes[0] ?? assert.fail();
  r.virtualGatewayName = 'gone';
  const target = r.spec.httpRoute?.action.target ?? assert.fail();
  target.virtualService.virtualServiceName = 'ghost.shop.local';
  const unresolved = meshReferences(m).filter((x) => !x.resolved).map((x) => `${x.relation} ${x.from.name} -> ${x.to.kind} ${x.to.name}`);
  assert.deepEqual(unresolved, ['gateway gone/catalog -> virtualGateway gone', 'gatewayTarget gone/catalog -> virtualService ghost.shop.local']);
});

test('a gateway with routes, and a service a gateway route targets, are in use; a gateway without routes is not', () => {
  const m = model();
  assert.deepEqual(blockingReferences(m, { kind: 'virtualGateway', name: 'ingress' }).map((r) => `${r.relation} ${r.from.name}`), ['gateway ingress/catalog', 'gateway ingress/frontend']);
  assert.deepEqual(blockingReferences(m, { kind: 'virtualService', name: 'frontend.shop.local' }).map((r) => `${r.relation} ${r.from.name}`), ['gatewayTarget ingress/frontend']);
  m.gatewayRoutes = [];
  assert.deepEqual(blockingReferences(m, { kind: 'virtualGateway', name: 'ingress' }), []);
  assert.deepEqual(blockingReferences(m, { kind: 'virtualService', name: 'frontend.shop.local' }), []);
});
