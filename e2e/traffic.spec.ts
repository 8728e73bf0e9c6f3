// A real Envoy on the downloaded ADS bootstrap streams its stats and access log to the BFF: the route
// page shows the configured and measured share, the node page its charts and access log.
import { request, Agent } from 'node:http';
import { startEnvoy, type RunningEnvoy } from '../testkit/envoy';
import { freePort } from '../testkit/ports';
import { httpUpstream, type Upstream } from '../testkit/upstreams';
import { withAdminPort } from './support/envoy-bootstrap';
import { expect, keepScreenshot, test, uniqueName } from './support/fixtures';

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const get = (port: number, path: string) =>
  new Promise<number>((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: 'web.local' }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });

test('the route page shows configured and measured share, the node page a chart and the access log', async ({ page, api }) => {
  const mesh = uniqueName('traffic');
  const upstreams: Upstream[] = [await httpUpstream('web-v1'), await httpUpstream('web-v2')];
  const [v1, v2] = upstreams;
  const node = (name: string, port: number) => ({ meshName: mesh, virtualNodeName: name, spec: { listeners: [{ portMapping: { port, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: '127.0.0.1' } } } });
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
    await keepScreenshot(page, 'traffic-route-measured');

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
