import { memo } from 'react';
import type { TopologyEdge } from '../lib/graph-types';
import type { EdgeRoute } from '../lib/layout';

function pathOf(route: EdgeRoute): string {
  return route.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

export const GraphEdge = memo(function GraphEdge({ edge, route, near }: { edge: TopologyEdge; route: EdgeRoute; near: boolean }) {
  const classes = ['topo-edge', `kind-${edge.kind}`];
  if (edge.broken) classes.push('broken');
  if (near) classes.push('near');
  const { label } = route;
  return (
    <g className={classes.join(' ')} data-edge-id={edge.id}>
      <path d={pathOf(route)} markerEnd={edge.broken ? 'url(#topo-arrow-broken)' : 'url(#topo-arrow)'} />
      {edge.label !== undefined && label ? (
        <g className="edge-label" transform={`translate(${label.x},${label.y})`}>
          <rect width={label.width} height={label.height} rx={4} />
          <text x={label.width / 2} y={label.height - 4} textAnchor="middle">
            {edge.label}
          </text>
        </g>
      ) : null}
    </g>
  );
});
