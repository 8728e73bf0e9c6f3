import { useMemo, type Ref } from 'react';
import type { Neighbourhood } from '../lib/filter-graph';
import type { TopologyGraph } from '../lib/graph-types';
import type { GraphLayout } from '../lib/layout';
import { canvasStyles } from './canvas-styles';
import { GraphEdge } from './GraphEdge';
import { GraphNode, type SelectHow } from './GraphNode';

export interface TopologyCanvasProps {
  graph: TopologyGraph;
  layout: GraphLayout | undefined;
  viewportRef: Ref<HTMLDivElement>;
  stageRef: Ref<HTMLDivElement>;
  /** Pan and zoom size the SVG (its width and height), so React leaves those attributes alone. */
  svgRef: Ref<SVGSVGElement>;
  selectedId: string | undefined;
  around: Neighbourhood | undefined;
  matches: ReadonlySet<string>;
  onOpen: (href: string) => void;
  onSelect: (id: string, how: SelectHow) => void;
  onHoverEnd: () => void;
}

const noNodes: ReadonlySet<string> = new Set();

/**
 * The graph as one SVG, edges under nodes, on a stage that pan and zoom move. Nodes are
 * drawn in reading order (left to right, then top to bottom) so Tab walks the graph the way traffic flows.
 */
export function TopologyCanvas({ graph, layout, viewportRef, stageRef, svgRef, selectedId, around, matches, onOpen, onSelect, onHoverEnd }: TopologyCanvasProps) {
  const placed = useMemo(() => {
    if (!layout) return [];
    const withBoxes = graph.nodes.flatMap((node) => {
      const box = layout.nodes[node.id];
      return box ? [{ node, box }] : [];
    });
    return withBoxes.sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y);
  }, [graph, layout]);
  const routes = useMemo(
    () =>
      layout
        ? graph.edges.flatMap((edge) => {
            const route = layout.edges[edge.id];
            return route ? [{ edge, route }] : [];
          })
        : [],
    [graph, layout],
  );
  const nearNodes = around?.nodes ?? noNodes;
  const nearEdges = around?.edges ?? noNodes;

  return (
    <div ref={viewportRef} className="topo-viewport">
      <div ref={stageRef} className="topo-stage">
        <svg
          ref={svgRef}
          className="topo"
          role="group"
          aria-label={`Topology of mesh ${graph.meshName}`}
          xmlns="http://www.w3.org/2000/svg"
          viewBox={`0 0 ${Math.max(1, layout?.width ?? 1)} ${Math.max(1, layout?.height ?? 1)}`}
        >
          <style>{canvasStyles}</style>
          <defs>
            <marker id="topo-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#6b7a8f" />
            </marker>
            <marker id="topo-arrow-broken" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill="#c62828" />
            </marker>
          </defs>
          <rect className="topo-background" width="100%" height="100%" fill="transparent" />
          <g className={selectedId ? 'topo-content has-selection' : 'topo-content'}>
            <g className="topo-edges">
              {routes.map(({ edge, route }) => (
                <GraphEdge key={edge.id} edge={edge} route={route} near={nearEdges.has(edge.id)} />
              ))}
            </g>
            <g className="topo-nodes">
              {placed.map(({ node, box }) => (
                <GraphNode
                  key={node.id}
                  node={node}
                  box={box}
                  selected={node.id === selectedId}
                  near={nearNodes.has(node.id)}
                  match={matches.has(node.id)}
                  onOpen={onOpen}
                  onSelect={onSelect}
                  onHoverEnd={onHoverEnd}
                />
              ))}
            </g>
          </g>
        </svg>
      </div>
    </div>
  );
}
