/** Pan and zoom of the canvas: screen = graph * k + (x, y). */
export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 3;
/** Below this zoom the second lines and percentages are unreadable anyway; hiding them keeps panning cheap. */
export const DETAIL_ZOOM = 0.45;
/** The first view never shrinks names below this, so they stay readable; "Fit" shows everything. */
export const MIN_INITIAL_ZOOM = 0.6;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The transform that shows the whole graph in the viewport, never enlarged past 1:1. */
export function fitTransform(graph: { width: number; height: number }, view: { width: number; height: number }, minZoom = MIN_ZOOM): ViewTransform {
  if (graph.width <= 0 || graph.height <= 0 || view.width <= 0 || view.height <= 0) return { x: 0, y: 0, k: 1 };
  const k = clamp(Math.min(view.width / graph.width, view.height / graph.height, 1), minZoom, MAX_ZOOM);
  // Centre what fits; when even the minimum zoom is too big, start at the top-left, where traffic enters.
  const x = Math.max(0, (view.width - graph.width * k) / 2);
  const y = Math.max(0, (view.height - graph.height * k) / 2);
  return { x, y, k };
}

/** Zooms by `factor` keeping the graph point under (px, py) still. */
export function zoomAround(t: ViewTransform, factor: number, px: number, py: number): ViewTransform {
  const k = clamp(t.k * factor, MIN_ZOOM, MAX_ZOOM);
  const f = k / t.k;
  return { k, x: px - (px - t.x) * f, y: py - (py - t.y) * f };
}

/** The transform that centres a box (graph units) in the viewport at the current zoom. */
export function centreOn(t: ViewTransform, box: { x: number; y: number; width: number; height: number }, view: { width: number; height: number }): ViewTransform {
  return { k: t.k, x: view.width / 2 - (box.x + box.width / 2) * t.k, y: view.height / 2 - (box.y + box.height / 2) * t.k };
}

/** Whether a box is fully visible under the transform. */
export function isVisible(t: ViewTransform, box: { x: number; y: number; width: number; height: number }, view: { width: number; height: number }): boolean {
  const left = box.x * t.k + t.x;
  const top = box.y * t.k + t.y;
  return left >= 0 && top >= 0 && left + box.width * t.k <= view.width && top + box.height * t.k <= view.height;
}

/**
 * The first view of a graph: all of it, centred, when that keeps names readable (zoom >= minZoom);
 * otherwise readable names, starting where traffic enters: the leftmost node at the left edge. The
 * graph is then centred vertically if it fits, else the view is centred on that node without
 * leaving empty canvas above or below the graph.
 */
export function initialTransform(
  graph: { width: number; height: number; nodes: Record<string, { x: number; y: number; width: number; height: number }> },
  view: { width: number; height: number },
  minZoom = MIN_INITIAL_ZOOM,
): ViewTransform {
  const fitted = fitTransform(graph, view);
  if (fitted.k >= minZoom) return fitted;
  const first = Object.values(graph.nodes).sort((a, b) => a.x - b.x || a.y - b.y)[0];
  if (!first) return fitted;
  const k = minZoom;
  const height = graph.height * k;
  const y = height <= view.height ? (view.height - height) / 2 : clamp(view.height / 2 - (first.y + first.height / 2) * k, view.height - height, 0);
  return { k, x: 16 - first.x * k, y };
}
