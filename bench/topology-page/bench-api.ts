import type { TopologyGraph } from '../../apps/web/src/features/topology/lib/graph-types';
import type { GraphLayout } from '../../apps/web/src/features/topology/lib/layout';

/** Long tasks and frame gaps seen while recording. */
export interface Recording {
  longTasks: number[];
  maxFrameGap: number;
  frames: number;
}

/** What the bench page exposes as `globalThis.topologyBench` for bench/topology.ts to drive. */
export interface BenchApi {
  drawCanvas(graph: TopologyGraph, layout: GraphLayout, zoom: 'fit' | 'one'): Promise<number>;
  fullView(nodeCount: number): Promise<{ total: number; nodes: number }>;
  showcase(): Promise<void>;
  startRecording(): void;
  stopRecording(): Recording;
}

