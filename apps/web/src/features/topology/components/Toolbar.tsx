import type { GraphFilter } from '../lib/filter-graph';
import { kindLabels, type TopologyKind } from '../lib/graph-types';

const allKinds: TopologyKind[] = ['virtualGateway', 'virtualService', 'virtualRouter', 'route', 'virtualNode'];

export interface ToolbarProps {
  filter: GraphFilter;
  onFilter: (filter: GraphFilter) => void;
  /** Enter in the search box: go to the first match. */
  onSearchSubmit: () => void;
  matchCount: number;
  onZoomIn: () => void;
  onZoomOut: () => void;
  onFit: () => void;
  onExport: (format: 'png' | 'svg' | 'json') => void;
  exportDisabled: boolean;
}

export function Toolbar({ filter, onFilter, onSearchSubmit, matchCount, onZoomIn, onZoomOut, onFit, onExport, exportDisabled }: ToolbarProps) {
  const toggleKind = (kind: TopologyKind, on: boolean) => {
    // An empty set means "every kind"; unticking one of them leaves all the others.
    const current = filter.kinds.size === 0 ? new Set(allKinds) : new Set(filter.kinds);
    if (on) current.add(kind);
    else current.delete(kind);
    onFilter({ ...filter, kinds: current.size === allKinds.length ? new Set() : current });
  };
  return (
    <div className="topo-toolbar">
      <div className="topo-search">
        <label htmlFor="topo-search">Search by name</label>
        <input
          id="topo-search"
          type="search"
          value={filter.query}
          placeholder="e.g. cart"
          onChange={(e) => onFilter({ ...filter, query: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onSearchSubmit();
          }}
        />
        {filter.query.trim() !== '' ? <span className="topo-match-count" role="status">{matchCount === 1 ? '1 match' : `${matchCount} matches`}</span> : null}
      </div>
      <fieldset className="topo-kinds">
        <legend>Show</legend>
        {allKinds.map((kind) => (
          <label key={kind}>
            <input type="checkbox" checked={filter.kinds.size === 0 || filter.kinds.has(kind)} onChange={(e) => toggleKind(kind, e.target.checked)} />
            {kindLabels[kind]}s
          </label>
        ))}
        <label>
          <input type="checkbox" checked={filter.problemsOnly} onChange={(e) => onFilter({ ...filter, problemsOnly: e.target.checked })} />
          only problems
        </label>
      </fieldset>
      <div className="topo-buttons" role="group" aria-label="View">
        <button type="button" onClick={onZoomIn} aria-label="Zoom in">+</button>
        <button type="button" onClick={onZoomOut} aria-label="Zoom out">−</button>
        <button type="button" onClick={onFit}>Fit to screen</button>
      </div>
      <div className="topo-buttons" role="group" aria-label="Export">
        <button type="button" onClick={() => onExport('png')} disabled={exportDisabled}>Export PNG</button>
        <button type="button" onClick={() => onExport('svg')} disabled={exportDisabled}>Export SVG</button>
        <button type="button" onClick={() => onExport('json')} disabled={exportDisabled}>Export JSON</button>
      </div>
    </div>
  );
}
