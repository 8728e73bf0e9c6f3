import { useCallback, useEffect, useRef } from 'react';
import { centreOn, DETAIL_ZOOM, fitTransform, initialTransform, isVisible, zoomAround, type ViewTransform } from './view-transform';

/** Pointer travel (px) after which a press is a drag, not a click. */
const DRAG_THRESHOLD = 4;
const WHEEL_ZOOM_STEP = 1.0015;
/** Wheel zooming re-renders the SVG at the new scale once the wheel has rested this long. */
const ZOOM_SETTLE_MS = 160;

type Box = { x: number; y: number; width: number; height: number };
type Size = { width: number; height: number };

/**
 * Pan (drag) and zoom (wheel, buttons) for the topology canvas, built so 1,000 nodes stay smooth:
 * the SVG is laid out once at 1:1 on a stage <div> that is its own compositor layer, and panning or
 * zooming only changes the stage's CSS transform, which the compositor applies without relaying out,
 * repainting or re-rendering a single node. Changing the SVG's own scale instead would make Chrome
 * lay out every text again (150 ms at 2,200 nodes). After a zoom settles, the layer is re-rastered
 * at the new scale so text is sharp again. Everything is written to the DOM directly, never through
 * React state.
 */
export function usePanZoom(graphSize: Size | undefined) {
  const viewportRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const transform = useRef<ViewTransform>({ x: 0, y: 0, k: 1 });
  /** The scale the stage was last rastered at. */
  const committed = useRef(1);
  const frame = useRef(0);
  const settle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const write = useCallback(() => {
    frame.current = 0;
    const { x, y, k } = transform.current;
    const stage = stageRef.current;
    if (stage) stage.style.transform = `translate(${x.toFixed(2)}px,${y.toFixed(2)}px) scale(${k.toFixed(5)})`;
  }, []);

  /**
   * Makes the zoom sharp: a layer with `will-change: transform` keeps the raster scale it was created
   * at, so drop the hint for two frames (Chrome re-rasters at the current scale off the main thread)
   * and set it again. Also shows or hides small text for the new zoom.
   */
  const commit = useCallback(() => {
    write();
    const k = transform.current.k;
    viewportRef.current?.classList.toggle('zoomed-out', k < DETAIL_ZOOM);
    if (k === committed.current) return;
    committed.current = k;
    const stage = stageRef.current;
    if (!stage) return;
    stage.style.willChange = 'auto';
    requestAnimationFrame(() => requestAnimationFrame(() => (stage.style.willChange = 'transform')));
  }, [write]);

  const set = useCallback(
    (next: ViewTransform, commitNow: boolean) => {
      transform.current = next;
      if (commitNow) {
        clearTimeout(settle.current);
        commit();
      } else if (frame.current === 0) {
        frame.current = requestAnimationFrame(write);
      }
    },
    [commit, write],
  );

  // The SVG is always drawn at 1:1; zoom is the stage's business.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !graphSize) return;
    svg.setAttribute('width', String(Math.max(1, graphSize.width)));
    svg.setAttribute('height', String(Math.max(1, graphSize.height)));
  }, [graphSize]);

  const viewSize = (): Size => {
    const rect = viewportRef.current?.getBoundingClientRect();
    return { width: rect?.width ?? 0, height: rect?.height ?? 0 };
  };

  const fit = useCallback((graph: Size) => set(fitTransform(graph, viewSize()), true), [set]);
  /** The first view: see `initialTransform`. */
  const start = useCallback((graph: Parameters<typeof initialTransform>[0]) => set(initialTransform(graph, viewSize()), true), [set]);
  const zoomBy = useCallback(
    (factor: number) => {
      const { width, height } = viewSize();
      set(zoomAround(transform.current, factor, width / 2, height / 2), true);
    },
    [set],
  );
  /** Brings a box into view (centred) unless it is already fully visible. */
  const reveal = useCallback(
    (box: Box) => {
      const view = viewSize();
      if (!isVisible(transform.current, box, view)) set(centreOn(transform.current, box, view), true);
    },
    [set],
  );

  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return undefined;
    let press: { id: number; x: number; y: number; start: ViewTransform; dragging: boolean } | undefined;
    let suppressClick = false;

    const onPointerDown = (e: PointerEvent) => {
      if (e.button !== 0) return;
      press = { id: e.pointerId, x: e.clientX, y: e.clientY, start: transform.current, dragging: false };
    };
    const onPointerMove = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      const dx = e.clientX - press.x;
      const dy = e.clientY - press.y;
      if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      if (!press.dragging) {
        press.dragging = true;
        // Capture only once it is a drag: capturing on press would steal the click from the node's link.
        // Captured, the pointer also stops hovering nodes, so a pan selects nothing on its way.
        // No class or cursor change here: an inherited property set on an ancestor restyles every node.
        viewport.setPointerCapture(e.pointerId);
      }
      set({ ...press.start, x: press.start.x + dx, y: press.start.y + dy }, false);
    };
    const onPointerUp = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      suppressClick = press.dragging;
      if (press.dragging) viewport.releasePointerCapture(e.pointerId);
      press = undefined;
    };
    // A drag that ends over a node must not open it.
    const onClickCapture = (e: MouseEvent) => {
      if (!suppressClick) return;
      suppressClick = false;
      e.preventDefault();
      e.stopPropagation();
    };
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = viewport.getBoundingClientRect();
      const delta = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
      set(zoomAround(transform.current, Math.pow(WHEEL_ZOOM_STEP, -delta), e.clientX - rect.left, e.clientY - rect.top), false);
      clearTimeout(settle.current);
      settle.current = setTimeout(commit, ZOOM_SETTLE_MS);
    };

    viewport.addEventListener('pointerdown', onPointerDown);
    viewport.addEventListener('pointermove', onPointerMove);
    viewport.addEventListener('pointerup', onPointerUp);
    viewport.addEventListener('pointercancel', onPointerUp);
    viewport.addEventListener('click', onClickCapture, true);
    viewport.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      viewport.removeEventListener('pointerdown', onPointerDown);
      viewport.removeEventListener('pointermove', onPointerMove);
      viewport.removeEventListener('pointerup', onPointerUp);
      viewport.removeEventListener('pointercancel', onPointerUp);
      viewport.removeEventListener('click', onClickCapture, true);
      viewport.removeEventListener('wheel', onWheel);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      clearTimeout(settle.current);
    };
  }, [set, commit]);

  return { viewportRef, stageRef, svgRef, fit, start, zoomBy, reveal };
}
