// Diagnostic: what the main thread does during a drag-pan (or, with TRACE_WHEEL=1, a wheel zoom) over
// 1,000 nodes (Chrome trace, summarised). TRACE_ZOOM=one starts at 1:1 instead of fit.
// `npx tsx bench/topology-trace.ts` after `bench/topology.ts` has built bench/topology-page/dist.
import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import ELK from 'elkjs/lib/elk.bundled.js';
import { buildGraph } from '../apps/web/src/features/topology/lib/build-graph';
import { layoutGraph } from '../apps/web/src/features/topology/lib/layout';
import { generateMesh } from '../apps/web/src/features/topology/test-support/generate-mesh';
import type { BenchApi } from './topology-page/bench-api';

/** The bench page's globals, as seen inside `page.evaluate` (which runs in the page, so no closures). */
type Page$ = { topologyBench: BenchApi };

const dist = fileURLToPath(new URL('./topology-page/dist/', import.meta.url));
const zoom = (process.env.TRACE_ZOOM ?? 'fit') as 'fit' | 'one';
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const file = join(dist, path === '/' ? 'index.html' : path);
  res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : extname(file) === '.css' ? 'text/css' : 'text/html' });
  createReadStream(file).on('error', () => res.end()).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const address = server.address();
const port = typeof address === 'object' && address ? address.port : 0;
const graph = buildGraph(generateMesh(1000));
const layout = await layoutGraph(graph, new ELK());
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForFunction(() => 'topologyBench' in globalThis);
await page.evaluate(({ graph, layout, zoom }) => (globalThis as unknown as Page$).topologyBench.drawCanvas(graph, layout, zoom), { graph, layout, zoom });
await page.waitForTimeout(1500);
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'blink', 'disabled-by-default-devtools.timeline'] });
await page.mouse.move(640, 400);
if (process.env.TRACE_WHEEL) {
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -120);
} else {
  await page.mouse.down();
  await page.mouse.move(300, 200, { steps: 40 });
  await page.mouse.up();
}
await page.waitForTimeout(400);
const buffer = await browser.stopTracing();
await browser.close();
server.close();
interface Ev { name: string; ph: string; dur?: number; ts: number; tid: number; pid: number }
const events = (JSON.parse(buffer.toString()) as { traceEvents: Ev[] }).traceEvents;
const tasks = events.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 30_000);
for (const t of tasks) {
  const inside = events.filter((e) => e.tid === t.tid && e.pid === t.pid && e.ts >= t.ts && e.ts <= t.ts + (t.dur ?? 0) && e.ph === 'X' && e.name !== 'RunTask' && (e.dur ?? 0) > 5_000);
  const summary = new Map<string, number>();
  for (const e of inside) summary.set(e.name, Math.max(summary.get(e.name) ?? 0, e.dur ?? 0));
  console.log(`task ${Math.round((t.dur ?? 0) / 1000)} ms (tid ${t.tid}):`, [...summary].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, d]) => `${n} ${Math.round(d / 1000)}ms`).join(', '));
}
