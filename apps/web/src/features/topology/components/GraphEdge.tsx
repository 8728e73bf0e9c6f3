import { memo } from 'react';
import type { TopologyEdge } from '../lib/graph-types';
import type { EdgeRoute } from '../lib/layout';
import { edgeTrafficText, edgeWidth, errorLevel } from '../lib/traffic-overlay';

function pathOf(route: EdgeRoute): string {
  return route.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** Ends of an edge as people read them: `web-route → web-v1`. */
const endName = (id: string) => {
  const name = id.slice(id.indexOf(':') + 1);
  return id.startsWith('route:') ? name.slice(name.indexOf('/') + 1) : name;
};

/**
 * One arrow. With traffic it grows with the rate and turns amber or red with the 5xx share; its
 * title (the browser's hover text) and accessible name give the numbers.
 */
export const GraphEdge = memo(function GraphEdge({ edge, route, near }: { edge: TopologyEdge; route: EdgeRoute; near: boolean }) {
  const classes = ['topo-edge', `kind-${edge.kind}`];
  if (edge.broken) classes.push('broken');
  if (near) classes.push('near');
  const { traffic } = edge;
  if (traffic) classes.push('has-traffic', `err-${errorLevel(traffic.errorShare)}`);
  const { label } = route;
  const text = traffic ? `${endName(edge.source)} → ${endName(edge.target)}: ${edgeTrafficText(traffic)}` : undefined;
  return (
    <g className={classes.join(' ')} data-edge-id={edge.id} {...(text ? { role: 'img', 'aria-label': `traffic ${text}` } : {})}>
      {text ? <title>{text}</title> : null}
      <path d={pathOf(route)} markerEnd={edge.broken ? 'url(#topo-arrow-broken)' : 'url(#topo-arrow)'} style={traffic ? { strokeWidth: edgeWidth(traffic.rps) } : undefined} />
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
