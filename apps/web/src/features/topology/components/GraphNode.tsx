import { memo, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { kindLabels, type TopologyKind, type TopologyNode } from '../lib/graph-types';
import { MAX_LABEL_CHARS, type NodeBox } from '../lib/layout';
import { healthText } from '../lib/traffic-overlay';

const icons: Record<TopologyKind, string> = { virtualGateway: 'VG', virtualService: 'VS', virtualRouter: 'VR', route: 'R', virtualNode: 'VN' };

/** The accessible name: the resource name plus its kind (and, for routes, the router they belong to). */
export function accessibleName(node: TopologyNode): string {
  const kind = node.missing ? `missing ${kindLabels[node.kind]}` : kindLabels[node.kind];
  const router = node.kind === 'route' ? ` of ${node.name.slice(0, node.name.indexOf('/'))}` : '';
  return `${node.label}, ${kind}${router}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Hover text: the full name, the sync state, and what is wrong. */
function tooltip(node: TopologyNode): string {
  const lines = [`${node.name} (${node.missing ? 'missing ' : ''}${kindLabels[node.kind]})`];
  if (node.sync) lines.push(`proxies: ${node.sync}`);
  if (node.health) lines.push(`health: ${healthText(node.health)}`);
  for (const f of node.findings) lines.push(`${f.severity}: ${f.message}`);
  return lines.join('\n');
}

/** How a node was selected: `keyboard` focus also scrolls it into view; `hover` waits for intent. */
export type SelectHow = 'hover' | 'focus' | 'keyboard' | 'press';

export interface GraphNodeProps {
  node: TopologyNode;
  box: NodeBox;
  /** Selected, one edge from the selection, or matching the search: drawn emphasised. */
  selected: boolean;
  near: boolean;
  match: boolean;
  onOpen: (href: string) => void;
  onSelect: (id: string, how: SelectHow) => void;
  /** The pointer left the node (a hover that did not last is no selection). */
  onHoverEnd: () => void;
}

/** One resource. Memoised: panning and zooming never re-render it, selecting re-renders only the neighbourhood. */
export const GraphNode = memo(function GraphNode({ node, box, selected, near, match, onOpen, onSelect, onHoverEnd }: GraphNodeProps) {
  const classes = ['topo-node', `kind-${node.kind}`];
  if (node.missing) classes.push('missing');
  if (node.severity) classes.push(`sev-${node.severity}`);
  if (selected) classes.push('selected');
  if (near) classes.push('near');
  if (match) classes.push('match');
  const { href } = node;
  const common = {
    className: classes.join(' '),
    transform: `translate(${box.x},${box.y})`,
    'aria-label': accessibleName(node),
    'data-node-id': node.id,
    onMouseEnter: () => onSelect(node.id, 'hover'),
    onMouseLeave: onHoverEnd,
    onFocus: (e: FocusEvent<Element>) => onSelect(node.id, e.currentTarget.matches(':focus-visible') ? 'keyboard' : 'focus'),
  };
  const body = (
    <>
      <title>{tooltip(node)}</title>
      <rect className="box" width={box.width} height={box.height} rx={8} />
      <circle className="icon-bg" cx={17} cy={box.height / 2} r={12} />
      <text className="icon" x={17} y={box.height / 2 + 4} textAnchor="middle" aria-hidden="true">
        {icons[node.kind]}
      </text>
      <text className="label" x={36} y={23}>
        {truncate(node.label, MAX_LABEL_CHARS)}
      </text>
      <text className="detail" x={36} y={41}>
        {truncate(node.detail, MAX_LABEL_CHARS + 6)}
      </text>
      {node.sync ? (
        // Named like the tooltip line, so tests and screen readers find the badge of a node by role.
        <g className={`badge sync-${node.sync}`} transform={`translate(${box.width - 56},-8)`} role="img" aria-label={`proxies ${node.sync}`}>
          <rect width={52} height={15} rx={7} />
          <text x={26} y={11} textAnchor="middle">
            {node.sync}
          </text>
        </g>
      ) : null}
      {node.health ? (
        <g className={`badge health-${node.health.state}`} transform={`translate(4,${box.height - 7})`} role="img" aria-label={`health ${node.health.state}`}>
          <rect width={76} height={15} rx={7} />
          <text x={38} y={11} textAnchor="middle">
            {node.health.state}
          </text>
        </g>
      ) : null}
      {node.severity ? (
        <g transform={`translate(${box.width - 4},${box.height - 4})`} aria-hidden="true">
          <circle className="problem" r={8} />
          <text className="problem-mark" y={4} textAnchor="middle">
            !
          </text>
        </g>
      ) : null}
    </>
  );
  if (href === undefined) {
    // A missing resource has no page: it is a button that shows its problem in the side panel.
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        onSelect(node.id, 'press');
      }
    };
    return (
      <g {...common} role="button" tabIndex={0} onClick={() => onSelect(node.id, 'press')} onKeyDown={onKeyDown}>
        {body}
      </g>
    );
  }
  const onClick = (e: MouseEvent) => {
    // Let modified clicks (new tab, new window) do what the browser does with any link.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    onOpen(href);
  };
  return (
    <a {...common} href={href} onClick={onClick}>
      {body}
    </a>
  );
});
