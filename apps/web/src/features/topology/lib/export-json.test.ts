import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleFindings, sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import { topologyJson } from './export-json';

describe('topologyJson', () => {
  it('exports nodes with their problems and edges with their shares', () => {
    const doc = JSON.parse(topologyJson(buildGraph(sampleMesh(), sampleFindings()), undefined)) as {
      meshName: string;
      nodes: { id: string; missing: boolean; findings: { code: string }[] }[];
      edges: { source: string; share?: string }[];
    };
    assert.equal(doc.meshName, 'shop');
    const missing = doc.nodes.find((n) => n.id === 'virtualNode:web-v3');
    assert.equal(missing?.missing, true);
    assert.deepEqual(missing?.findings.map((f) => f.code), ['route.target-missing']);
    assert.deepEqual(doc.edges.filter((e) => e.source === 'route:web-router/split').map((e) => e.share), ['80%', '20%']);
  });
});
