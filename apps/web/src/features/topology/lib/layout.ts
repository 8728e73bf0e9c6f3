import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { TopologyGraph, TopologyNode } from './graph-types';

/** Where the layout put one node (top-left corner and size, in graph units). */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/** An edge's path and, for weighted targets, where its percentage goes. */
export interface EdgeRoute {
  points: Point[];
  label?: NodeBox;
}

/** The graph's geometry; plain objects so it crosses the worker boundary as is. */
export interface GraphLayout {
  width: number;
  height: number;
  nodes: Record<string, NodeBox>;
  edges: Record<string, EdgeRoute>;
}

export const NODE_HEIGHT = 54;
const LABEL_CHAR = 8.6;
const DETAIL_CHAR = 6.2;
/** Room for the kind icon on the left and the sync badge on the right. */
const NODE_PADDING = 44;
export const MAX_NODE_WIDTH = 300;
/** Longest label drawn in full; App Mesh names go to 255 characters, the tooltip has the rest. */
export const MAX_LABEL_CHARS = Math.floor((MAX_NODE_WIDTH - NODE_PADDING) / LABEL_CHAR);

/** A node wide enough for its name at the default zoom (14px names, 12px second lines), within bounds. */
export function nodeWidth(node: Pick<TopologyNode, 'label' | 'detail'>): number {
  const text = Math.max(node.label.length * LABEL_CHAR, node.detail.length * DETAIL_CHAR);
  return Math.round(Math.min(MAX_NODE_WIDTH, Math.max(120, text + NODE_PADDING)));
}

/** Layered left-to-right, so traffic reads from callers on the left to providers on the right. */
const qualityOptions: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'POLYLINE',
  'elk.layered.spacing.nodeNodeBetweenLayers': '44',
  'elk.spacing.nodeNode': '18',
  'elk.spacing.edgeLabel': '2',
  'elk.edgeLabels.inline': 'true',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.thoroughness': '3',
  'elk.separateConnectedComponents': 'true',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
};

/**
 * Above this many nodes, trade some crossing reduction for speed: keeping model order and the
 * greedy switch pass cost ELK ~7 s on 2,200 nodes, against under 1 s without (bench/topology.ts).
 */
export const LARGE_GRAPH_NODES = 400;
const largeGraphOptions: Record<string, string> = {
  ...qualityOptions,
  'elk.layered.considerModelOrder.strategy': 'NONE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  'elk.layered.thoroughness': '1',
  'elk.layered.nodePlacement.strategy': 'SIMPLE',
};

export function elkLayoutOptions(nodeCount: number): Record<string, string> {
  return nodeCount > LARGE_GRAPH_NODES ? largeGraphOptions : qualityOptions;
}

const labelSize = (text: string) => ({ width: text.length * 7.6 + 8, height: 17 });

/**
 * The ELK input for a graph. On graphs up to LARGE_GRAPH_NODES the percentages are ELK edge labels,
 * so ELK keeps them clear of nodes; on larger ones (where they cost ELK a fifth of its time) they
 * are placed on the edges afterwards, see `layoutGraph`.
 */
export function toElkGraph(graph: TopologyGraph, options = elkLayoutOptions(graph.nodes.length)): ElkNode {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const elkLabels = graph.nodes.length <= LARGE_GRAPH_NODES;
  return {
    id: 'root',
    layoutOptions: options,
    // Gateways are where traffic enters the mesh: always the first layer, on the left.
    children: graph.nodes.map((n) => ({ id: n.id, width: nodeWidth(n), height: NODE_HEIGHT, ...(n.kind === 'virtualGateway' ? { layoutOptions: { 'elk.layered.layering.layerConstraint': 'FIRST' } } : {}) })),
    edges: graph.edges
      .filter((e) => ids.has(e.source) && ids.has(e.target))
      .map((e): ElkExtendedEdge => ({
        id: e.id,
        sources: [e.source],
        targets: [e.target],
        ...(e.label === undefined || !elkLabels ? {} : { labels: [{ text: e.label, ...labelSize(e.label) }] }),
      })),
  };
}

/** Reads ELK's answer into the geometry the canvas draws. */
export function readElkLayout(result: ElkNode): GraphLayout {
  const nodes: Record<string, NodeBox> = {};
  for (const c of result.children ?? []) {
    nodes[c.id] = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 0, height: c.height ?? 0 };
  }
  const edges: Record<string, EdgeRoute> = {};
  for (const e of result.edges ?? []) {
    const section = e.sections?.[0];
    if (!section) continue;
    const route: EdgeRoute = { points: [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y })) };
    const label = e.labels?.[0];
    if (label) route.label = { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 };
    edges[e.id] = route;
  }
  return { width: result.width ?? 0, height: result.height ?? 0, nodes, edges };
}

/** Anything that lays out an ELK graph: elkjs on the main thread in node, a worker in the browser. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

export async function layoutGraph(graph: TopologyGraph, elk: ElkLike): Promise<GraphLayout> {
  const layout = readElkLayout(await elk.layout(toElkGraph(graph)));
  for (const e of graph.edges) {
    const route = layout.edges[e.id];
    if (e.label !== undefined && route && !route.label) route.label = labelOnLastSegment(route.points, labelSize(e.label));
  }
  return layout;
}

/** A label box centred on the middle of an edge's last segment, next to the target it describes. */
export function labelOnLastSegment(points: Point[], size: { width: number; height: number }): NodeBox {
  const end = points[points.length - 1] ?? { x: 0, y: 0 };
  const start = points[points.length - 2] ?? end;
  const x = (start.x + end.x) / 2;
  const y = (start.y + end.y) / 2;
  return { x: x - size.width / 2, y: y - size.height / 2, ...size };
}
