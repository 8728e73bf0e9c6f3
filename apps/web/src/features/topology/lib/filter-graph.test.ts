import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleFindings, sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import { filterGraph, neighbourhood, noFilter } from './filter-graph';

const graph = buildGraph(sampleMesh(), sampleFindings());
const ids = (g: { nodes: { id: string }[] }) => g.nodes.map((n) => n.id).sort();

describe('filterGraph', () => {
  it('keeps the whole graph without a filter', () => {
    assert.equal(filterGraph(graph, noFilter), graph);
  });

  it('keeps only the chosen kinds and the edges between them', () => {
    const only = filterGraph(graph, { ...noFilter, kinds: new Set(['virtualService', 'virtualNode']) });
    assert.ok(only.nodes.every((n) => n.kind === 'virtualService' || n.kind === 'virtualNode'));
    assert.ok(only.edges.every((e) => e.kind === 'provider' || e.kind === 'backend'));
    assert.ok(only.edges.some((e) => e.source === 'virtualService:cart.shop.local' && e.target === 'virtualNode:cart'));
  });

  it('finds nodes by part of their name, with their neighbours', () => {
    assert.deepEqual(ids(filterGraph(graph, { ...noFilter, query: 'CART' })), [
      'virtualNode:cart',
      'virtualNode:web-v1',
      'virtualService:cart.shop.local',
    ]);
  });

  it('narrows to resources with problems', () => {
    const problems = filterGraph(graph, { ...noFilter, problemsOnly: true });
    assert.ok(ids(problems).includes('virtualNode:web-v3'));
    assert.ok(ids(problems).includes('virtualService:payments.shop.local'));
    assert.ok(!ids(problems).includes('virtualService:web.shop.local'));
  });
});

describe('neighbourhood', () => {
  it('is the node, what it points at and what points at it', () => {
    const around = neighbourhood(graph, 'virtualNode:web-v1');
    assert.deepEqual([...around.nodes].sort(), ['route:web-router/split', 'virtualNode:web-v1', 'virtualService:cart.shop.local']);
    assert.equal(around.edges.size, 2);
  });
});
