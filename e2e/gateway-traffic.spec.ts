// A real gateway Envoy on its downloaded ADS bootstrap: the gateway page shows its gateway route's
// traffic and the live access log with each request's path and status; the topology's gateway edge
// carries the gateway route's rate.
import { Agent } from 'node:http';
import { startEnvoy, type RunningEnvoy } from '../testkit/envoy';
import { freePort } from '../testkit/ports';
import { statusOf } from '../testkit/status-get';
import { httpUpstream, type Upstream } from '../testkit/upstreams';
import { withAdminPort } from './support/envoy-bootstrap';
import { expect, keepScreenshot, test, uniqueName } from './support/fixtures';

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const get = (port: number, path: string) => statusOf(port, path, 'shop.example.com', agent);

test("the gateway page shows its gateway route's traffic and the live access log; the topology's gateway edge its rate", async ({ page, api }) => {
  const mesh = uniqueName('gwtraffic');
  const upstreams: Upstream[] = [await httpUpstream('web-v1')];
  const listenerPort = await freePort();
  const created = await api.request('POST', '/api/bundles', {
    mesh: { meshName: mesh },
    virtualNodes: [{ meshName: mesh, virtualNodeName: 'web-v1', spec: { listeners: [{ portMapping: { port: upstreams[0]?.port ?? 0, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: '127.0.0.1' } } } }],
    virtualServices: [{ meshName: mesh, virtualServiceName: 'web.local', spec: { provider: { virtualNode: { virtualNodeName: 'web-v1' } } } }],
    virtualGateways: [{ meshName: mesh, virtualGatewayName: 'ingress', spec: { listeners: [{ portMapping: { port: listenerPort, protocol: 'http' } }] } }],
    gatewayRoutes: [{ meshName: mesh, virtualGatewayName: 'ingress', gatewayRouteName: 'shop', spec: { httpRoute: { match: { prefix: '/shop' }, action: { target: { virtualService: { virtualServiceName: 'web.local' } } } } } }],
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);

  await page.goto(`/meshes/${mesh}/virtualGateways/ingress`);
  await expect(page.getByText('No traffic yet', { exact: true })).toBeVisible();

  const res = await api.fetch(`/api/meshes/${mesh}/virtualGateways/ingress/envoy-config?mode=ads&format=yaml`);
  expect(res.status).toBe(200);
  const bootstrap = (await res.text()).replace(/^stats_flush_interval: .*$/m, 'stats_flush_interval: 1s');
  const adminPort = await freePort();
  let envoy: RunningEnvoy | undefined;
  try {
    envoy = await startEnvoy(withAdminPort(bootstrap, adminPort), adminPort, { timeoutMs: 30_000 });
    await expect.poll(() => get(listenerPort, '/shop/warm'), { timeout: 20_000 }).toBe(200);
    // The access log streams: lines sent after the page opened show without a reload.
    await page.reload();
    const log = page.getByRole('table', { name: 'Access log' });
    for (let i = 0; i < 100; i += 10) await Promise.all(Array.from({ length: 10 }, (_, j) => get(listenerPort, `/shop/item/${i + j}`)));
    await expect(log.getByRole('cell', { name: '/shop/item/99', exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(log.getByRole('row').filter({ has: page.getByRole('cell', { name: '/shop/item/99', exact: true }) }).getByRole('cell', { name: '200', exact: true })).toBeVisible();

    // The count Envoy itself keeps for the gateway route, over its virtual hosts.
    const stats = await (await fetch(`http://127.0.0.1:${adminPort}/stats?filter=${encodeURIComponent('^vhost\\..*\\.route\\.gateway_route_shop\\.upstream_rq_total$')}`)).text();
    const counted = String([...stats.matchAll(/: (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0));
    expect(Number(counted)).toBeGreaterThanOrEqual(101);
    const routes = page.getByRole('table', { name: 'Gateway route traffic (5 min)' });
    await expect(routes.getByRole('row').filter({ has: page.getByRole('cell', { name: 'shop', exact: true }) }).getByRole('cell', { name: counted, exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('figure', { name: 'Request rate chart' })).toBeVisible();
    await keepScreenshot(page, 'traffic-gateway-page');

    await page.goto(`/meshes/${mesh}/topology`);
    await expect(page.getByRole('group', { name: /^Topology of mesh/ }).getByRole('img', { name: new RegExp(`^traffic ingress → web\\.local: [\\d.]+ req/s · 0% 5xx .*\\(${counted} requests\\)$`) })).toBeVisible({ timeout: 20_000 });
  } finally {
    agent.destroy();
    await envoy?.stop();
    for (const u of upstreams) await u.close();
  }
});
