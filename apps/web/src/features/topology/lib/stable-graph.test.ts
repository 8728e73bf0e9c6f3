import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleFindings, sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import { layoutKey, reuseUnchanged } from './stable-graph';

describe('reuseUnchanged', () => {
  it('keeps the previous graph when a refresh brings nothing new', () => {
    const before = buildGraph(sampleMesh(), sampleFindings());
    assert.equal(reuseUnchanged(before, buildGraph(sampleMesh(), sampleFindings())), before);
  });

  it('replaces only what changed: a new sync state touches one node', () => {
    const before = buildGraph(sampleMesh(), sampleFindings());
    const after = reuseUnchanged(before, buildGraph(sampleMesh(), sampleFindings(), new Map([['cart', 'NACKED']])));
    assert.notEqual(after, before);
    const changed = after.nodes.filter((n, i) => n !== before.nodes[i]).map((n) => n.id);
    assert.deepEqual(changed, ['virtualNode:cart']);
    assert.ok(after.edges.every((e, i) => e === before.edges[i]));
  });
});

describe('layoutKey', () => {
  it('ignores badges and findings but not new resources or new weights', () => {
    const base = layoutKey(buildGraph(sampleMesh()));
    assert.equal(layoutKey(buildGraph(sampleMesh(), sampleFindings(), new Map([['cart', 'SYNCED']]))), base);
    const bigger = sampleMesh();
    bigger.virtualNodes.push({ virtualNodeName: 'extra', spec: {} });
    assert.notEqual(layoutKey(buildGraph(bigger)), base);
    const reweighted = sampleMesh();
    const targets = reweighted.routes[0]?.spec.httpRoute?.action.weightedTargets;
    assert.ok(targets?.[0] && targets[1]);
    targets[0].weight = 50;
    targets[1].weight = 50;
    assert.notEqual(layoutKey(buildGraph(reweighted)), base);
  });
});
