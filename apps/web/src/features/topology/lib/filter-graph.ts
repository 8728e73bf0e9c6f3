import type { TopologyGraph, TopologyKind, TopologyNode } from './graph-types';

export interface GraphFilter {
  /** Kinds to draw; an empty set draws every kind. */
  kinds: ReadonlySet<TopologyKind>;
  /** Case-insensitive part of a name; matches are kept with their neighbours for context. */
  query: string;
  /** Draw only resources with findings (and what they point at). */
  problemsOnly: boolean;
}

export const noFilter: GraphFilter = { kinds: new Set(), query: '', problemsOnly: false };

export function nodeMatchesQuery(node: TopologyNode, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q !== '' && (node.name.toLowerCase().includes(q) || node.label.toLowerCase().includes(q));
}

/**
 * The part of the graph the filter asks for. A name search keeps the matching nodes and their
 * direct neighbours, so a match is never shown cut off from what it calls or what calls it.
 */
export function filterGraph(graph: TopologyGraph, filter: GraphFilter): TopologyGraph {
  let keep = new Set(graph.nodes.filter((n) => filter.kinds.size === 0 || filter.kinds.has(n.kind)).map((n) => n.id));
  const seeds: ((n: TopologyNode) => boolean)[] = [];
  if (filter.query.trim() !== '') seeds.push((n) => nodeMatchesQuery(n, filter.query));
  // A dangling reference is a problem even where analysis reported nothing about it (an older server).
  if (filter.problemsOnly) seeds.push((n) => n.severity !== undefined || n.missing);
  if (seeds.length > 0) {
    const matched = new Set(graph.nodes.filter((n) => keep.has(n.id) && seeds.every((s) => s(n))).map((n) => n.id));
    const withNeighbours = new Set(matched);
    for (const e of graph.edges) {
      if (matched.has(e.source) && keep.has(e.target)) withNeighbours.add(e.target);
      if (matched.has(e.target) && keep.has(e.source)) withNeighbours.add(e.source);
    }
    keep = withNeighbours;
  }
  if (keep.size === graph.nodes.length) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.source) && keep.has(e.target)),
  };
}

/** A node, the nodes one edge away and the edges between them: what selecting a node highlights. */
export interface Neighbourhood {
  nodes: ReadonlySet<string>;
  edges: ReadonlySet<string>;
}

export function neighbourhood(graph: TopologyGraph, id: string): Neighbourhood {
  const nodes = new Set([id]);
  const edges = new Set<string>();
  for (const e of graph.edges) {
    if (e.source === id || e.target === id) {
      edges.add(e.id);
      nodes.add(e.source);
      nodes.add(e.target);
    }
  }
  return { nodes, edges };
}
