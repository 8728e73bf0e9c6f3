import type { TopologyGraph } from './graph-types';
import { nodeWidth } from './layout';

/**
 * `next`, with every node and edge that did not change replaced by the object from `prev`, so a
 * live update that touches one resource re-renders one node, not a thousand memoised ones.
 */
export function reuseUnchanged(prev: TopologyGraph | undefined, next: TopologyGraph): TopologyGraph {
  if (!prev) return next;
  const before = new Map<string, unknown>([...prev.nodes.map((n) => [n.id, n] as const), ...prev.edges.map((e) => [`edge ${e.id}`, e] as const)]);
  const same = <T extends { id: string }>(item: T, key: string): T => {
    const old = before.get(key) as T | undefined;
    return old !== undefined && JSON.stringify(old) === JSON.stringify(item) ? old : item;
  };
  const nodes = next.nodes.map((n) => same(n, n.id));
  const edges = next.edges.map((e) => same(e, `edge ${e.id}`));
  const unchanged =
    nodes.length === prev.nodes.length &&
    edges.length === prev.edges.length &&
    nodes.every((n, i) => n === prev.nodes[i]) &&
    edges.every((e, i) => e === prev.edges[i]) &&
    JSON.stringify(next.meshFindings) === JSON.stringify(prev.meshFindings);
  return unchanged ? prev : { ...next, nodes, edges };
}

/** What the layout depends on: node ids and sizes, edges and their labels. Same key, same layout. */
export function layoutKey(graph: TopologyGraph): string {
  const nodes = graph.nodes.map((n) => `${n.id}|${nodeWidth(n)}`);
  const edges = graph.edges.map((e) => `${e.id}|${e.source}|${e.target}|${e.label ?? ''}`);
  return `${nodes.join('\n')}\n--\n${edges.join('\n')}`;
}
