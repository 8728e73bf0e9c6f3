// A real Envoy on the downloaded ADS bootstrap streams its stats and access log to the BFF: the route
// page shows the configured and measured share and its chart, the node page its charts and access
// log, the topology each edge's rate and error share and the nodes' health.
import { Agent } from 'node:http';
import { startEnvoy, type RunningEnvoy } from '../testkit/envoy';
import { freePort } from '../testkit/ports';
import { statusOf } from '../testkit/status-get';
import { httpUpstream, type Upstream } from '../testkit/upstreams';
import { withAdminPort } from './support/envoy-bootstrap';
import type { Page } from '@playwright/test';
import { expect, keepScreenshot, test, uniqueName } from './support/fixtures';

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const get = (port: number, path: string) => statusOf(port, path, 'web.local', agent);

const topology = (page: Page) => page.getByRole('group', { name: /^Topology of mesh/ });

test('the route page shows configured and measured share and a chart, the node page its charts and access log, the topology rates, errors and health', async ({ page, api }) => {
  const mesh = uniqueName('traffic');
  // web-v2 fails everything: front's outlier detection ejects it after 5 in a row.
  const upstreams: Upstream[] = [await httpUpstream('web-v1'), await httpUpstream('web-v2', { answer: () => ({ status: 503 }) })];
  const [v1, v2] = upstreams;
  const outlierDetection = { maxServerErrors: 5, interval: { value: 1, unit: 's' }, baseEjectionDuration: { value: 60, unit: 's' }, maxEjectionPercent: 100 };
  const node = (name: string, port: number) => ({ meshName: mesh, virtualNodeName: name, spec: { listeners: [{ portMapping: { port, protocol: 'http' }, outlierDetection }], serviceDiscovery: { dns: { hostname: '127.0.0.1' } } } });
  const created = await api.request('POST', '/api/bundles', {
    mesh: { meshName: mesh },
    virtualNodes: [node('web-v1', v1?.port ?? 0), node('web-v2', v2?.port ?? 0), { meshName: mesh, virtualNodeName: 'front', spec: { backends: [{ virtualService: { virtualServiceName: 'web.local' } }] } }],
    virtualRouters: [{ meshName: mesh, virtualRouterName: 'web-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    routes: [{ meshName: mesh, virtualRouterName: 'web-router', routeName: 'web-route', spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'web-v1', weight: 80 }, { virtualNode: 'web-v2', weight: 20 }] } } } }],
    virtualServices: [{ meshName: mesh, virtualServiceName: 'web.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } }],
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);

  // Before any proxy: the node page says so instead of drawing an empty chart.
  await page.goto(`/meshes/${mesh}/virtualNodes/front`);
  await expect(page.getByText('No traffic yet')).toBeVisible();

  const res = await api.fetch(`/api/meshes/${mesh}/virtualNodes/front/envoy-config?mode=ads&format=yaml`);
  const bootstrap = (await res.text()).replace(/^stats_flush_interval: .*$/m, 'stats_flush_interval: 1s');
  const adminPort = await freePort();
  let envoy: RunningEnvoy | undefined;
  try {
    envoy = await startEnvoy(withAdminPort(bootstrap, adminPort), adminPort, { timeoutMs: 30_000 });
    await expect.poll(() => get(15001, '/warm'), { timeout: 20_000 }).toBe(200);
    for (let i = 0; i < 400; i += 8) await Promise.all(Array.from({ length: 8 }, (_, j) => get(15001, `/shop/${i + j}`)));

    await page.goto(`/meshes/${mesh}/virtualRouters/web-router/routes/web-route`);
    await expect(page.getByText(/80% configured · \d+(\.\d)?% measured/)).toBeVisible({ timeout: 20_000 });
    // The route's own chart, from its Envoy route stats.
    await expect(page.getByRole('figure', { name: 'Request rate chart' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('img', { name: /^Request rate over the window, latest / })).toBeVisible();
    await keepScreenshot(page, 'traffic-route-measured');

    // The topology: edges with traffic carry their numbers; the failing target's edge is red, its node ejected.
    await page.goto(`/meshes/${mesh}/topology`);
    const healthy = topology(page).getByRole('img', { name: /^traffic web-route → web-v1: [\d.]+ req\/s · 0% 5xx/ });
    await expect(healthy).toBeVisible({ timeout: 20_000 });
    const failing = topology(page).getByRole('img', { name: /^traffic web-route → web-v2: [\d.]+ req\/s · 100% 5xx/ });
    await expect(failing).toBeVisible();
    expect(await failing.locator('path').evaluate((p) => getComputedStyle(p).stroke)).toBe('rgb(198, 40, 40)');
    expect(await healthy.locator('path').evaluate((p) => getComputedStyle(p).stroke)).toBe('rgb(37, 133, 74)');
    // Thicker with more requests: web-v1 gets ~80% of them.
    const width = async (l: typeof healthy) => Number.parseFloat(await l.locator('path').evaluate((p) => getComputedStyle(p).strokeWidth));
    expect(await width(healthy)).toBeGreaterThan(await width(failing));
    const v2Node = topology(page).getByRole('link', { name: 'web-v2, virtual node', exact: true });
    await expect(v2Node.getByRole('img', { name: /^health (degraded|unhealthy)$/ })).toBeVisible({ timeout: 20_000 });
    await expect(topology(page).getByRole('link', { name: 'web-v1, virtual node', exact: true }).getByRole('img', { name: 'health healthy' })).toBeVisible();
    // Hover: the side panel gives the node's health and its edges' numbers.
    await v2Node.hover();
    const panel = page.getByRole('complementary', { name: 'Details' });
    await expect(panel.getByText(/Health: (degraded|unhealthy)/)).toBeVisible();
    await expect(panel.getByRole('list', { name: 'Traffic' })).toContainText(/front → web-v2: [\d.]+ req\/s, 100% 5xx/);
    await keepScreenshot(page, 'traffic-topology');

    await page.goto(`/meshes/${mesh}/virtualNodes/front`);
    await expect(page.getByRole('figure', { name: 'Request rate chart' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('table', { name: 'Access log' }).getByRole('cell', { name: '/shop/399', exact: true })).toBeVisible();
    await keepScreenshot(page, 'traffic-node-page');
  } finally {
    agent.destroy();
    await envoy?.stop();
    for (const u of upstreams) await u.close();
  }
});
