import ElkConstructor, { type ELK } from 'elkjs/lib/elk-api.js';
import { useEffect, useRef, useState } from 'react';
import type { TopologyGraph } from '../lib/graph-types';
import { layoutGraph, type GraphLayout } from '../lib/layout';
import { layoutKey } from '../lib/stable-graph';

export interface LayoutState {
  /** The layout of `graph`, or undefined until the first one arrives. */
  layout?: GraphLayout;
  /** The graph `layout` belongs to (the previous graph stays drawn while a new layout runs). */
  graph?: TopologyGraph;
  error?: string;
  pending: boolean;
  /** How long the latest layout took, worker round trip included. */
  millis?: number;
}

let shared: ELK | undefined;

/**
 * The one layout worker of the page, started on first use and kept: starting ELK (1.4 MB of
 * compiled Java) takes a few hundred milliseconds, which the topology page spends while the mesh
 * is still loading (see `prewarmLayout`), not after.
 */
function sharedElk(): ELK {
  shared ??= new ElkConstructor({ workerFactory: () => new Worker(new URL('../lib/layout.worker.ts', import.meta.url), { type: 'module' }) });
  return shared;
}

/** Starts the layout worker now, so it is ready when the graph arrives; resolves once it answers. */
export async function prewarmLayout(): Promise<void> {
  await sharedElk().knownLayoutAlgorithms();
}

/** Lays the graph out in a web worker; a newer graph supersedes an older one still being laid out. */
export function useLayout(graph: TopologyGraph): LayoutState {
  const latest = useRef(0);
  /** The key and layout of the last finished layout, to skip ELK when only badges or findings changed. */
  const done = useRef<{ key: string; layout: GraphLayout } | undefined>(undefined);
  const [state, setState] = useState<LayoutState>({ pending: true });

  useEffect(() => {
    const instance = sharedElk();
    const id = ++latest.current;
    const key = layoutKey(graph);
    if (done.current?.key === key) {
      const { layout } = done.current;
      setState((prev) => ({ ...prev, layout, graph, pending: false }));
      return;
    }
    const started = performance.now();
    setState((prev) => ({ ...prev, pending: true }));
    layoutGraph(graph, instance).then(
      (layout) => {
        // Only the latest request counts; older answers arrive late and are dropped.
        if (id !== latest.current) return;
        done.current = { key, layout };
        setState({ layout, graph, pending: false, millis: performance.now() - started });
      },
      (error: unknown) => {
        if (id === latest.current) setState((prev) => ({ ...prev, error: error instanceof Error ? error.message : String(error), pending: false }));
      },
    );
  }, [graph]);

  return state;
}
