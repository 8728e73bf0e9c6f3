import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { filterGraph, neighbourhood, nodeMatchesQuery, noFilter, type GraphFilter } from '../lib/filter-graph';
import type { TopologyGraph } from '../lib/graph-types';
import { topologyJson } from '../lib/export-json';
import { downloadBlob } from '../../../lib/download';
import { pngFromSvg, svgDocument } from './export-image';
import type { SelectHow } from './GraphNode';
import { Legend } from './Legend';
import { SidePanel } from './SidePanel';
import { Toolbar } from './Toolbar';
import { TopologyCanvas } from './TopologyCanvas';
import { useDebounced } from './use-debounced';
import { useLayout } from './use-layout';
import { usePanZoom } from './use-pan-zoom';
import './topology.css';

/** How long the pointer rests on a node before it is selected. */
const HOVER_INTENT_MS = 180;

export interface TopologyViewProps {
  graph: TopologyGraph;
  onOpen: (href: string) => void;
  /** A line about freshness, such as "Live" or "Refreshing every 5 s". */
  status?: string;
}

/** The whole topology screen for a built graph: toolbar, canvas, legend and side panel. */
export function TopologyView({ graph, onOpen, status }: TopologyViewProps) {
  const [filter, setFilter] = useState<GraphFilter>(noFilter);
  const layoutFilter = useDebounced(filter, 250);
  const shown = useMemo(() => filterGraph(graph, layoutFilter), [graph, layoutFilter]);
  const laidOut = useLayout(shown);
  const { viewportRef, stageRef, svgRef, fit, start, zoomBy, reveal } = usePanZoom(laidOut.layout);
  const drawn = laidOut.graph ?? { ...shown, nodes: [], edges: [] };
  const [selectedId, setSelectedId] = useState<string>();
  const [exportError, setExportError] = useState<string>();

  // Fit the first layout, and again whenever the filter changes what is shown; live updates keep the view.
  const fitFor = useRef<GraphFilter | undefined>(undefined);
  useEffect(() => {
    if (!laidOut.layout || laidOut.pending || fitFor.current === layoutFilter) return;
    fitFor.current = layoutFilter;
    start(laidOut.layout);
  }, [laidOut, layoutFilter, start]);

  const selected = drawn.nodes.find((n) => n.id === selectedId);
  const around = useMemo(() => (selected ? neighbourhood(drawn, selected.id) : undefined), [drawn, selected]);
  const neighbours = useMemo(() => (around ? drawn.nodes.filter((n) => around.nodes.has(n.id) && n.id !== selectedId) : []), [drawn, around, selectedId]);
  const matches = useMemo(() => new Set(filter.query.trim() ? drawn.nodes.filter((n) => nodeMatchesQuery(n, filter.query)).map((n) => n.id) : []), [drawn, filter.query]);

  const layout = laidOut.layout;
  // Pointing selects only once the pointer rests, so crossing nodes on the way to the side panel
  // does not replace the selection.
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(hoverTimer.current), []);
  const onHoverEnd = useCallback(() => clearTimeout(hoverTimer.current), []);
  const onSelect = useCallback(
    (id: string, how: SelectHow) => {
      clearTimeout(hoverTimer.current);
      if (how === 'hover') {
        hoverTimer.current = setTimeout(() => setSelectedId(id), HOVER_INTENT_MS);
        return;
      }
      setSelectedId(id);
      const box = layout?.nodes[id];
      if (how === 'keyboard' && box) reveal(box);
    },
    [layout, reveal],
  );
  const goTo = useCallback(
    (id: string) => {
      onSelect(id, 'keyboard');
      const el = document.querySelector<SVGElement>(`[data-node-id="${CSS.escape(id)}"]`);
      el?.focus({ preventScroll: true });
    },
    [onSelect],
  );

  const onExport = async (format: 'png' | 'svg' | 'json') => {
    setExportError(undefined);
    const base = `${graph.meshName}-topology`;
    try {
      if (format === 'json') {
        downloadBlob(`${base}.json`, new Blob([topologyJson(drawn, layout)], { type: 'application/json' }));
        return;
      }
      const svg = svgRef.current;
      if (!svg || !layout) return;
      const text = svgDocument(svg, layout);
      if (format === 'svg') downloadBlob(`${base}.svg`, new Blob([text], { type: 'image/svg+xml' }));
      else downloadBlob(`${base}.png`, await pngFromSvg(text, layout.width, layout.height));
    } catch (error) {
      setExportError(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <div className="topo-screen" onKeyDown={(e) => e.key === 'Escape' && setSelectedId(undefined)}>
      <Toolbar
        filter={filter}
        onFilter={setFilter}
        onSearchSubmit={() => {
          const first = [...matches][0];
          if (first) goTo(first);
        }}
        matchCount={matches.size}
        onZoomIn={() => zoomBy(1.25)}
        onZoomOut={() => zoomBy(0.8)}
        onFit={() => layout && fit(layout)}
        onExport={(format) => void onExport(format)}
        exportDisabled={!layout}
      />
      <p className="topo-status" role="status">
        {graph.nodes.length} resources{drawn.nodes.length !== graph.nodes.length ? `, ${drawn.nodes.length} shown` : ''}
        {laidOut.pending ? ' · laying out…' : laidOut.millis !== undefined ? ` · layout ${Math.round(laidOut.millis)} ms` : ''}
        {status ? ` · ${status}` : ''}
      </p>
      {laidOut.error ? <p role="alert" className="alert error">Layout failed: {laidOut.error}</p> : null}
      {exportError ? <p role="alert" className="alert error">Export failed: {exportError}</p> : null}
      <div className="topo-body">
        <div className="topo-canvas">
          <TopologyCanvas
            graph={drawn}
            layout={layout}
            viewportRef={viewportRef}
            stageRef={stageRef}
            svgRef={svgRef}
            selectedId={selected?.id}
            around={around}
            matches={matches}
            onOpen={onOpen}
            onSelect={onSelect}
            onHoverEnd={onHoverEnd}
          />
        </div>
        <div className="topo-side">
          <SidePanel graph={drawn} selected={selected} neighbours={neighbours} onOpen={onOpen} onGoTo={goTo} />
          <Legend />
        </div>
      </div>
    </div>
  );
}
