import type { Finding } from '@meshwright/model';
import { SelectionTraffic } from '../../traffic';
import { kindLabels, type TopologyGraph, type TopologyNode } from '../lib/graph-types';

export interface SidePanelProps {
  graph: TopologyGraph;
  selected: TopologyNode | undefined;
  /** Nodes one edge away from the selection. */
  neighbours: TopologyNode[];
  onOpen: (href: string) => void;
  /** Select a node and bring it into view. */
  onGoTo: (id: string) => void;
}

function FindingItem({ finding }: { finding: Finding }) {
  return (
    <li className={`topo-finding ${finding.severity}`}>
      <span className="topo-severity">{finding.severity}</span> {finding.message}
      <div className="topo-finding-where">
        <code>{finding.code}</code> in {kindLabels[finding.resource.kind as keyof typeof kindLabels] ?? finding.resource.kind} {finding.resource.name} at <code>{finding.path}</code>
      </div>
    </li>
  );
}

function Selected({ meshName, node, neighbours, onOpen, onGoTo }: { meshName: string; node: TopologyNode; neighbours: TopologyNode[]; onOpen: (href: string) => void; onGoTo: (id: string) => void }) {
  const { href } = node;
  return (
    <section className="topo-selected" aria-label="Selected resource">
      <h2>{node.label}</h2>
      <p className="topo-kind">{node.missing ? `Missing ${kindLabels[node.kind]}` : kindLabels[node.kind]}{node.kind === 'route' ? ` of ${node.name.slice(0, node.name.indexOf('/'))}` : ''}</p>
      {node.sync ? <p>Proxies: <span className={`topo-sync sync-${node.sync}`}>{node.sync}</span></p> : null}
      {node.missing ? null : <SelectionTraffic mesh={meshName} kind={node.kind} name={node.name} />}
      {href ? (
        <p>
          <a
            href={href}
            onClick={(e) => {
              e.preventDefault();
              onOpen(href);
            }}
          >
            Open {kindLabels[node.kind]} {node.label}
          </a>
        </p>
      ) : (
        <p>Nothing by this name exists in the mesh; create it or fix the reference.</p>
      )}
      {node.findings.length > 0 ? (
        <ul className="topo-findings">
          {node.findings.map((f, i) => <FindingItem key={`${f.code}:${f.path}:${i}`} finding={f} />)}
        </ul>
      ) : null}
      {neighbours.length > 0 ? (
        <>
          <h3>Connected</h3>
          <ul className="topo-neighbours">
            {neighbours.map((n) => (
              <li key={n.id}>
                <button type="button" className="link-button" onClick={() => onGoTo(n.id)}>
                  {n.label}
                </button>{' '}
                <span className="topo-kind">{n.missing ? 'missing ' : ''}{kindLabels[n.kind]}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/** The selected resource and every problem in the mesh, each a way back to its node. */
export function SidePanel({ graph, selected, neighbours, onOpen, onGoTo }: SidePanelProps) {
  const withProblems = graph.nodes.filter((n) => n.findings.length > 0);
  const problemCount = withProblems.length + graph.meshFindings.length;
  return (
    <aside className="topo-panel" aria-label="Details">
      {selected ? (
        <Selected meshName={graph.meshName} node={selected} neighbours={neighbours} onOpen={onOpen} onGoTo={onGoTo} />
      ) : (
        <p className="topo-hint">Point at or Tab to a resource to see its connections; click or press Enter to open it.</p>
      )}
      <section aria-label="Problems">
        <h2>Problems ({problemCount})</h2>
        {problemCount === 0 ? <p>No problems found.</p> : null}
        <ul className="topo-problems">
          {withProblems.map((n) => (
            <li key={n.id} className={n.severity === 'error' ? 'error' : 'warning'}>
              <button type="button" className="link-button" onClick={() => onGoTo(n.id)}>
                {n.label}
              </button>{' '}
              <span className="topo-kind">{n.missing ? 'missing ' : ''}{kindLabels[n.kind]}</span>
              <ul>
                {n.findings.map((f, i) => (
                  <li key={`${f.code}:${i}`}>{f.message}</li>
                ))}
              </ul>
            </li>
          ))}
          {graph.meshFindings.map((f, i) => <FindingItem key={`mesh:${f.code}:${i}`} finding={f} />)}
        </ul>
      </section>
    </aside>
  );
}
