import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMesh } from '@meshwright/model';
import { sampleFindings, sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import type { TopologyGraph } from './graph-types';

function node(graph: TopologyGraph, id: string) {
  const found = graph.nodes.find((n) => n.id === id);
  assert.ok(found, `expected a node ${id}, got ${graph.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

function edgesFrom(graph: TopologyGraph, source: string) {
  return graph.edges.filter((e) => e.source === source).map((e) => ({ target: e.target, label: e.label, broken: e.broken }));
}

describe('buildGraph', () => {
  it('draws every resource with its own name as the label', () => {
    const graph = buildGraph(sampleMesh());
    const labels = graph.nodes.filter((n) => !n.missing).map((n) => `${n.kind} ${n.label}`);
    assert.deepEqual(labels.sort(), [
      'route canary',
      'route split',
      'virtualNode cart',
      'virtualNode web-v1',
      'virtualNode web-v2',
      'virtualRouter web-router',
      'virtualService cart.shop.local',
      'virtualService web.shop.local',
    ]);
    assert.equal(node(graph, 'route:web-router/split').detail, 'route http /');
  });

  it('labels each route target with its share of traffic as a percentage', () => {
    const graph = buildGraph(sampleMesh());
    assert.deepEqual(edgesFrom(graph, 'route:web-router/split'), [
      { target: 'virtualNode:web-v1', label: '80%', broken: false },
      { target: 'virtualNode:web-v2', label: '20%', broken: false },
    ]);
  });

  it('links services to providers, routers to routes and nodes to the services they call', () => {
    const graph = buildGraph(sampleMesh());
    assert.deepEqual(edgesFrom(graph, 'virtualService:web.shop.local'), [{ target: 'virtualRouter:web-router', label: undefined, broken: false }]);
    assert.deepEqual(edgesFrom(graph, 'virtualService:cart.shop.local'), [{ target: 'virtualNode:cart', label: undefined, broken: false }]);
    assert.deepEqual(
      edgesFrom(graph, 'virtualRouter:web-router').map((e) => e.target),
      ['route:web-router/canary', 'route:web-router/split'],
    );
    assert.deepEqual(edgesFrom(graph, 'virtualNode:web-v1'), [{ target: 'virtualService:cart.shop.local', label: undefined, broken: false }]);
  });

  it('draws a missing route target as a dangling node carrying the finding that explains it', () => {
    const findings = sampleFindings();
    const graph = buildGraph(sampleMesh(), findings);
    const dangling = node(graph, 'virtualNode:web-v3');
    assert.equal(dangling.missing, true);
    assert.equal(dangling.severity, 'error');
    assert.equal(dangling.href, undefined);
    assert.deepEqual(dangling.findings.map((f) => f.message), ['virtual node "web-v3" does not exist in mesh "shop"']);
    assert.deepEqual(edgesFrom(graph, 'route:web-router/canary'), [{ target: 'virtualNode:web-v3', label: '100%', broken: true }]);
    // The route holding the broken reference is flagged too.
    assert.equal(node(graph, 'route:web-router/canary').severity, 'error');
  });

  it('draws a dangling backend the analysis said nothing about without inventing a finding for it', () => {
    const graph = buildGraph(sampleMesh(), sampleFindings());
    const dangling = node(graph, 'virtualService:payments.shop.local');
    assert.equal(dangling.missing, true);
    assert.deepEqual(dangling.findings, []);
    assert.deepEqual(edgesFrom(graph, 'virtualNode:web-v2'), [{ target: 'virtualService:payments.shop.local', label: undefined, broken: true }]);
  });

  it('draws a route whose router is missing, fed by a dangling router', () => {
    const model = sampleMesh();
    model.routes.push({ virtualRouterName: 'ghost', routeName: 'r', spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'cart', weight: 1 }] } } } });
    const graph = buildGraph(model);
    assert.equal(node(graph, 'virtualRouter:ghost').missing, true);
    assert.deepEqual(edgesFrom(graph, 'virtualRouter:ghost'), [{ target: 'route:ghost/r', label: undefined, broken: true }]);
    assert.equal(node(graph, 'route:ghost/r').href, '/meshes/shop/virtualRouters/ghost/routes/r');
  });

  it('puts findings on their resources and keeps mesh findings apart', () => {
    const graph = buildGraph(sampleMesh(), sampleFindings());
    assert.equal(node(graph, 'virtualNode:cart').severity, 'warning');
    assert.equal(node(graph, 'virtualNode:web-v1').severity, undefined);
    assert.deepEqual(graph.meshFindings.map((f) => f.code), ['mesh.exists']);
  });

  it('badges virtual nodes with their proxies sync state when known', () => {
    const graph = buildGraph(sampleMesh(), [], new Map([['web-v1', 'NACKED'], ['cart', 'SYNCED']]));
    assert.equal(node(graph, 'virtualNode:web-v1').sync, 'NACKED');
    assert.equal(node(graph, 'virtualNode:cart').sync, 'SYNCED');
    assert.equal(node(graph, 'virtualNode:web-v2').sync, undefined);
  });

  it('links each resource to its console page', () => {
    const graph = buildGraph(sampleMesh());
    assert.equal(node(graph, 'virtualNode:web-v1').href, '/meshes/shop/virtualNodes/web-v1');
    assert.equal(node(graph, 'virtualService:web.shop.local').href, '/meshes/shop/virtualServices/web.shop.local');
    assert.equal(node(graph, 'virtualRouter:web-router').href, '/meshes/shop/virtualRouters/web-router');
    assert.equal(node(graph, 'route:web-router/split').href, '/meshes/shop/virtualRouters/web-router/routes/split');
  });

  it('gives the same graph for the same mesh in any order', () => {
    const model = sampleMesh();
    const shuffled = { ...model, virtualNodes: [...model.virtualNodes].reverse(), routes: [...model.routes].reverse() };
    assert.deepEqual(buildGraph(shuffled), buildGraph(model));
  });

  it('splits uneven weights into whole percentages and shows 0% when all weights are zero', () => {
    const model = sampleMesh();
    const split = model.routes[0]?.spec.httpRoute;
    assert.ok(split);
    split.action.weightedTargets = [
      { virtualNode: 'web-v1', weight: 1 },
      { virtualNode: 'web-v2', weight: 2 },
    ];
    assert.deepEqual(edgesFrom(buildGraph(model), 'route:web-router/split').map((e) => e.label), ['33%', '67%']);
    split.action.weightedTargets = [{ virtualNode: 'web-v1', weight: 0 }];
    assert.deepEqual(edgesFrom(buildGraph(model), 'route:web-router/split').map((e) => e.label), ['0%']);
  });

  it('explains dangling nodes with what the model analysis says about them', () => {
    const model = sampleMesh();
    const graph = buildGraph(model, analyzeMesh(model));
    const target = node(graph, 'virtualNode:web-v3');
    assert.deepEqual(target.findings.map((f) => f.code), ['route.target-missing']);
    const backend = node(graph, 'virtualService:payments.shop.local');
    assert.deepEqual(backend.findings.map((f) => f.code), ['node.backend-missing']);
    assert.match(backend.findings[0]?.message ?? '', /payments\.shop\.local does not exist/);
    const withGhost = sampleMesh();
    withGhost.routes.push({ virtualRouterName: 'ghost', routeName: 'r', spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'cart', weight: 1 }] } } } });
    const router = node(buildGraph(withGhost, analyzeMesh(withGhost)), 'virtualRouter:ghost');
    assert.deepEqual(router.findings.map((f) => f.code), ['route.router-missing']);
  });
});
