import type { TopologyGraph } from './graph-types';
import type { GraphLayout } from './layout';

/** The graph as data: every node with its kind, state, problems and position, every edge with its share. */
export function topologyJson(graph: TopologyGraph, layout: GraphLayout | undefined): string {
  const doc = {
    meshName: graph.meshName,
    nodes: graph.nodes.map((n) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      missing: n.missing,
      ...(n.sync ? { sync: n.sync } : {}),
      ...(n.severity ? { severity: n.severity } : {}),
      findings: n.findings.map((f) => ({ code: f.code, severity: f.severity, path: f.path, message: f.message })),
      ...(layout?.nodes[n.id] ? { position: layout.nodes[n.id] } : {}),
    })),
    edges: graph.edges.map((e) => ({ id: e.id, kind: e.kind, source: e.source, target: e.target, broken: e.broken, ...(e.label ? { share: e.label } : {}) })),
    meshFindings: graph.meshFindings,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
