// Topology speed: `npx tsx bench/topology.ts` (TOPOLOGY_BENCH_SIZES=100,500,1000 to choose sizes).
// 1. Layout: graph building and ELK layered layout in node (the same code the browser's worker runs).
// 2. First draw, in Chromium: the bench page (bench/topology-page, built with Vite) renders the real
//    TopologyCanvas from a laid-out graph; timed from React render to the frame after paint, zoomed to
//    fit and at 1:1. "Full view" is the whole screen from a mesh: graph, worker layout, drawing.
// 3. Panning: drags and wheel zooms through Playwright while a PerformanceObserver records long tasks
//    (> 50 ms) and a rAF loop records the longest gap between frames.
// 4. With traffic: a traffic API answer for the mesh (bench/topology-traffic.ts: every backend call
//    with a rate, every 7th failing, health for every node) laid over the graph in node, then the
//    graph with every edge's width, colour and title and every node's health badge drawn and panned.
// TOPOLOGY_BENCH_SHOTS=<dir> keeps a screenshot of each full view.
// Targets: 1,000 virtual nodes drawn in under 2 s; no long task over 100 ms while panning.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import ELK from 'elkjs/lib/elk.bundled.js';
import { build } from 'vite';
import { buildGraph } from '../apps/web/src/features/topology/lib/build-graph';
import { layoutGraph, type GraphLayout } from '../apps/web/src/features/topology/lib/layout';
import type { TopologyGraph } from '../apps/web/src/features/topology/lib/graph-types';
import { generateMesh } from '../apps/web/src/features/topology/test-support/generate-mesh';
import { withTraffic } from '../apps/web/src/features/topology/lib/traffic-overlay';
import { syntheticTraffic } from './topology-traffic';
import type { BenchApi, Recording } from './topology-page/bench-api';

/** The bench page's globals, as seen inside `page.evaluate` (which runs in the page, so no closures). */
type Page$ = { topologyBench: BenchApi };

const SIZES = (process.env.TOPOLOGY_BENCH_SIZES ?? '100,500,1000').split(',').map(Number);
/** Panning starts once the drawn graph has been on screen this long, as a person's would. */
const SETTLE_MS = 1000;
/** A directory to keep a screenshot of each full view in (optional). */
const SHOTS = process.env.TOPOLOGY_BENCH_SHOTS;
const pageRoot = fileURLToPath(new URL('./topology-page/', import.meta.url));
const dist = join(pageRoot, 'dist');
const ms = (v: number) => `${Math.round(v)} ms`.padStart(8);

interface Row {
  virtualNodes: number;
  graphNodes: number;
  edges: number;
  build: number;
  layout: number;
  drawFit?: number;
  drawOne?: number;
  full?: number;
  panFit?: PanResult;
  panOne?: PanResult;
  wheelFit?: PanResult;
  wheelOne?: PanResult;
  /** Traffic laid over the graph (withTraffic) in node, and the graph with it drawn and panned. */
  overlay: number;
  trafficEdges: number;
  drawTraffic?: number;
  panTraffic?: PanResult;
}
type PanResult = Recording;

interface LaidOut {
  graph: TopologyGraph;
  layout: GraphLayout;
  /** The same graph with traffic on its edges and health on its nodes (same layout: traffic moves nothing). */
  withTraffic: TopologyGraph;
}

async function layoutInNode(rows: Row[]): Promise<Map<number, LaidOut>> {
  const elk = new ELK();
  await layoutGraph(buildGraph(generateMesh(50)), elk); // warm the JIT so the first size is not penalised
  withTraffic(buildGraph(generateMesh(50)), syntheticTraffic(generateMesh(50)));
  const laidOut = new Map<number, LaidOut>();
  for (const n of SIZES) {
    const model = generateMesh(n);
    const t0 = performance.now();
    const graph = buildGraph(model);
    const t1 = performance.now();
    const layout = await layoutGraph(graph, elk);
    const t2 = performance.now();
    const answer = syntheticTraffic(model);
    const t3 = performance.now();
    const traffic = withTraffic(graph, answer);
    const t4 = performance.now();
    rows.push({ virtualNodes: n, graphNodes: graph.nodes.length, edges: graph.edges.length, build: t1 - t0, layout: t2 - t1, overlay: t4 - t3, trafficEdges: traffic.edges.filter((e) => e.traffic).length });
    laidOut.set(n, { graph, layout, withTraffic: traffic });
  }
  return laidOut;
}

function serve(root: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Records long tasks and frame gaps while `act` runs (plus a short rest for anything it scheduled). */
async function record(page: Page, act: () => Promise<void>): Promise<PanResult> {
  await page.evaluate(() => (globalThis as unknown as Page$).topologyBench.startRecording());
  await act();
  await page.waitForTimeout(400);
  return page.evaluate(() => (globalThis as unknown as Page$).topologyBench.stopRecording());
}

/** Drag-panning: three drags across the canvas, 40 pointer moves each. */
const drag = (page: Page) =>
  record(page, async () => {
    for (const [x, y] of [[300, 200], [900, 600], [500, 300]] as const) {
      await page.mouse.move(640, 400);
      await page.mouse.down();
      await page.mouse.move(x, y, { steps: 40 });
      await page.mouse.up();
    }
  });

/** Wheel-zooming: five notches in, five out, then the zoom settles and the SVG is redrawn at the new scale. */
const wheel = (page: Page) =>
  record(page, async () => {
    await page.mouse.move(640, 400);
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, i < 5 ? -120 : 120);
  });

async function inBrowser(rows: Row[], laidOut: Map<number, LaidOut>): Promise<void> {
  const t0 = performance.now();
  await build({ root: pageRoot, base: './', logLevel: 'warn', plugins: [react()], build: { outDir: dist, emptyOutDir: true, target: 'es2022' } });
  console.log(`bench page built in ${ms(performance.now() - t0)}`);
  const server = await serve(dist);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'topologyBench' in globalThis);
    if (SHOTS) {
      await page.evaluate(() => (globalThis as unknown as Page$).topologyBench.showcase());
      await page.screenshot({ path: join(SHOTS, 'topology-sample.png') });
    }
    for (const row of rows) {
      const input = laidOut.get(row.virtualNodes);
      if (!input) continue;
      row.drawFit = await page.evaluate(({ graph, layout }) => (globalThis as unknown as Page$).topologyBench.drawCanvas(graph, layout, 'fit'), input);
      await page.waitForTimeout(SETTLE_MS);
      row.panFit = await drag(page);
      row.wheelFit = await wheel(page);
      row.drawOne = await page.evaluate(({ graph, layout }) => (globalThis as unknown as Page$).topologyBench.drawCanvas(graph, layout, 'one'), input);
      await page.waitForTimeout(SETTLE_MS);
      row.panOne = await drag(page);
      row.wheelOne = await wheel(page);
      row.drawTraffic = await page.evaluate(({ withTraffic: graph, layout }) => (globalThis as unknown as Page$).topologyBench.drawCanvas(graph, layout, 'fit'), input);
      await page.waitForTimeout(SETTLE_MS);
      row.panTraffic = await drag(page);
      if (SHOTS) await page.screenshot({ path: join(SHOTS, `topology-${row.virtualNodes}-traffic.png`) });
      row.full = (await page.evaluate((n) => (globalThis as unknown as Page$).topologyBench.fullView(n), row.virtualNodes)).total;
      if (SHOTS) {
        await page.screenshot({ path: join(SHOTS, `topology-${row.virtualNodes}.png`) });
        // Zoomed in 2x: after the zoom settles, text must be re-rastered sharp, not a blown-up bitmap.
        await page.mouse.move(500, 420);
        for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -120);
        await page.waitForTimeout(800);
        await page.screenshot({ path: join(SHOTS, `topology-${row.virtualNodes}-zoomed.png`) });
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
}

const rows: Row[] = [];
const laidOut = await layoutInNode(rows);
await inBrowser(rows, laidOut);

const lt = (p?: PanResult) => (p ? (p.longTasks.length ? `${p.longTasks.length} (max ${Math.max(...p.longTasks)} ms)` : 'none') : '-');
const gap = (p?: PanResult) => ms(p?.maxFrameGap ?? NaN);
console.log('\nLayout and first draw (ms)');
console.log('virtual nodes | graph nodes/edges | build graph | ELK layout in node | first draw, fit | first draw, 1:1 | full view (graph + worker layout + draw)');
for (const r of rows) {
  console.log(
    `${String(r.virtualNodes).padStart(13)} | ${`${r.graphNodes}/${r.edges}`.padStart(17)} | ${ms(r.build).padStart(11)} | ${ms(r.layout).padStart(18)} | ` +
      `${ms(r.drawFit ?? NaN).padStart(15)} | ${ms(r.drawOne ?? NaN).padStart(15)} | ${ms(r.full ?? NaN)}`,
  );
}
console.log('\nInteraction: long tasks (count, longest) and longest gap between frames');
console.log('virtual nodes | drag-pan at fit        | drag-pan at 1:1        | wheel-zoom at fit      | wheel-zoom at 1:1');
for (const r of rows) {
  const cell = (p?: PanResult) => `${lt(p)}, gap ${gap(p).trim()}`.padEnd(22);
  console.log(`${String(r.virtualNodes).padStart(13)} | ${cell(r.panFit)} | ${cell(r.panOne)} | ${cell(r.wheelFit)} | ${cell(r.wheelOne)}`);
}
console.log('\nWith traffic: overlay in node, first draw at fit, drag-pan at fit');
console.log('virtual nodes | edges with traffic | overlay (withTraffic) | first draw, fit | drag-pan at fit');
for (const r of rows) {
  console.log(`${String(r.virtualNodes).padStart(13)} | ${String(r.trafficEdges).padStart(18)} | ${ms(r.overlay).padStart(21)} | ${ms(r.drawTraffic ?? NaN).padStart(15)} | ${lt(r.panTraffic)}, gap ${gap(r.panTraffic).trim()}`);
}
const big = rows.find((r) => r.virtualNodes === 1000);
if (big) {
  const worstPan = Math.max(0, ...(big.panFit?.longTasks ?? []), ...(big.panOne?.longTasks ?? []));
  console.log(`\n1,000 nodes: first draw ${ms(Math.max(big.drawFit ?? 0, big.drawOne ?? 0)).trim()} (target < 2000 ms); longest task while drag-panning ${ms(worstPan).trim()} (target <= 100 ms)`);
}
