import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ELK from 'elkjs/lib/elk.bundled.js';
import { sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import { generateMesh } from '../test-support/generate-mesh';
import { layoutGraph, MAX_NODE_WIDTH, nodeWidth } from './layout';

describe('layoutGraph', () => {
  it('lays traffic out left to right: service, router, route, node', async () => {
    const graph = buildGraph(sampleMesh());
    const layout = await layoutGraph(graph, new ELK());
    const x = (id: string) => {
      const box = layout.nodes[id];
      assert.ok(box, `no position for ${id}`);
      return box.x;
    };
    assert.ok(x('virtualService:web.shop.local') < x('virtualRouter:web-router'));
    assert.ok(x('virtualRouter:web-router') < x('route:web-router/split'));
    assert.ok(x('route:web-router/split') < x('virtualNode:web-v1'));
    assert.equal(Object.keys(layout.nodes).length, graph.nodes.length);
  });

  it('routes every edge and places each percentage label', async () => {
    const graph = buildGraph(sampleMesh());
    const layout = await layoutGraph(graph, new ELK());
    for (const edge of graph.edges) {
      const route = layout.edges[edge.id];
      assert.ok(route && route.points.length >= 2, `edge ${edge.id} has no path`);
      assert.equal(route.label !== undefined, edge.label !== undefined, `label of ${edge.id}`);
    }
  });

  it('places every percentage on a large graph too, where ELK does not place labels', async () => {
    const graph = buildGraph(generateMesh(200));
    assert.ok(graph.nodes.length > 400);
    const layout = await layoutGraph(graph, new ELK());
    const labelled = graph.edges.filter((e) => e.label !== undefined);
    assert.ok(labelled.length > 0);
    for (const e of labelled) assert.ok(layout.edges[e.id]?.label, `no label position for ${e.id}`);
  });

  it('keeps nodes apart so no two boxes overlap', async () => {
    const boxes = Object.values((await layoutGraph(buildGraph(sampleMesh()), new ELK())).nodes);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        assert.equal(overlap, false, `${JSON.stringify(a)} overlaps ${JSON.stringify(b)}`);
      }
    }
  });
});

describe('nodeWidth', () => {
  it('grows with the name so it stays readable, up to a bound', () => {
    assert.ok(nodeWidth({ label: 'a-fairly-long-virtual-node-name', detail: 'virtual node' }) > nodeWidth({ label: 'web', detail: 'virtual node' }));
    assert.equal(nodeWidth({ label: 'x'.repeat(255), detail: '' }), MAX_NODE_WIDTH);
  });
});
