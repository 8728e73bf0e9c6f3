// Bench page for bench/topology.ts: draws the real topology components in Chromium and exposes hooks
// the bench drives (window.topologyBench). Not part of the console build.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { TopologyCanvas } from '../../apps/web/src/features/topology/components/TopologyCanvas';
import { TopologyView } from '../../apps/web/src/features/topology/components/TopologyView';
import { prewarmLayout } from '../../apps/web/src/features/topology/components/use-layout';
import { usePanZoom } from '../../apps/web/src/features/topology/components/use-pan-zoom';
import { buildGraph } from '../../apps/web/src/features/topology/lib/build-graph';
import type { TopologyGraph } from '../../apps/web/src/features/topology/lib/graph-types';
import type { GraphLayout } from '../../apps/web/src/features/topology/lib/layout';
import type { BenchApi } from './bench-api';
import { generateMesh } from '../../apps/web/src/features/topology/test-support/generate-mesh';
import { sampleFindings, sampleMesh } from '../../apps/web/src/features/topology/test-support/sample-mesh';

const noop = () => undefined;
// The side panel asks the traffic API about a selected node; the bench page has none, so it says "no traffic yet".
const queries = new QueryClient({ defaultOptions: { queries: { retry: false } } });
const withQueries = (node: ReactNode) => <QueryClientProvider client={queries}>{node}</QueryClientProvider>;
const noMatches = new Set<string>();

function BenchCanvas({ graph, layout, zoom }: { graph: TopologyGraph; layout: GraphLayout; zoom: 'fit' | 'one' }) {
  const { viewportRef, stageRef, svgRef, fit } = usePanZoom(layout);
  useEffect(() => {
    if (zoom === 'fit') fit(layout);
  }, [fit, layout, zoom]);
  return (
    <div className="bench-canvas topo-canvas">
      <TopologyCanvas graph={graph} layout={layout} viewportRef={viewportRef} stageRef={stageRef} svgRef={svgRef} selectedId={undefined} around={undefined} matches={noMatches} onOpen={noop} onSelect={noop} onHoverEnd={noop} />
    </div>
  );
}

/** Resolves after the browser has painted the current frame. */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

let root: Root | undefined;
function freshRoot(): Root {
  root?.unmount();
  const el = document.getElementById('root');
  if (!el) throw new Error('no #root');
  root = createRoot(el);
  return root;
}

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

const bench: BenchApi = {
  /** Renders a laid-out graph and answers the milliseconds until it is on screen. */
  async drawCanvas(graph: TopologyGraph, layout: GraphLayout, zoom: 'fit' | 'one'): Promise<number> {
    const r = freshRoot();
    await afterPaint();
    const started = performance.now();
    flushSync(() => r.render(<BenchCanvas graph={graph} layout={layout} zoom={zoom} />));
    await afterPaint();
    return performance.now() - started;
  },
  /**
   * The whole screen from a mesh: graph building, worker layout, drawing. Answers ms until every node
   * is drawn. The worker is started first, as the real page starts it while the mesh is loading.
   */
  async fullView(nodeCount: number): Promise<{ total: number; nodes: number }> {
    await prewarmLayout();
    const r = freshRoot();
    await afterPaint();
    const started = performance.now();
    const graph = buildGraph(generateMesh(nodeCount));
    r.render(withQueries(<TopologyView graph={graph} onOpen={noop} />));
    for (;;) {
      await afterPaint();
      const drawn = document.querySelectorAll('[data-node-id]').length;
      if (drawn >= graph.nodes.length) return { total: performance.now() - started, nodes: drawn };
      if (performance.now() - started > 60_000) throw new Error(`only ${drawn} of ${graph.nodes.length} nodes drawn after 60 s`);
    }
  },
  /** The small sample mesh with problems and sync badges, for a look (screenshot) at the details. */
  async showcase(): Promise<void> {
    const graph = buildGraph(sampleMesh(), sampleFindings(), new Map([['web-v1', 'SYNCED'], ['web-v2', 'NACKED'], ['cart', 'STALE']]));
    freshRoot().render(withQueries(<TopologyView graph={graph} onOpen={noop} status="sample" />));
    while (document.querySelectorAll('[data-node-id]').length < graph.nodes.length) await afterPaint();
    await afterPaint();
  },
  /** Starts recording long tasks and frame gaps; `stopRecording` answers them. */
  startRecording(): void {
    longTasks.length = 0;
    frames.length = 0;
    recording = true;
    const tick = (t: number) => {
      frames.push(t);
      if (recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  },
  stopRecording() {
    recording = false;
    const gaps = frames.slice(1).map((t, i) => t - (frames[i] ?? t));
    return { longTasks: longTasks.map((t) => Math.round(t.duration)), maxFrameGap: Math.round(Math.max(0, ...gaps)), frames: frames.length };
  },
};
const frames: number[] = [];
let recording = false;

(globalThis as unknown as { topologyBench: BenchApi }).topologyBench = bench;
