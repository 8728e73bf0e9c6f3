import type { Page } from '@playwright/test';
import { startEnvoy, type RunningEnvoy } from '../testkit/envoy';
import { expect, expectAccessible, keepScreenshot, test, uniqueName } from './support/fixtures';
import { freePort } from '../testkit/ports';
import { withAdminPort } from './support/envoy-bootstrap';


const graph = (page: Page) => page.getByRole('group', { name: /^Topology of mesh/ });
const graphNode = (page: Page, name: string) => graph(page).getByRole('link', { name: `${name}, virtual node`, exact: true });
const badge = (page: Page, name: string) => graphNode(page, name).getByRole('img', { name: /^proxies / });

test('a real Envoy on the ADS bootstrap shows up as SYNCED on the Envoy tab and, live, in the topology', async ({ page, api, xdsPort }) => {
  const mesh = uniqueName('sync');
  // Two nodes behind web-router, whose route splits 90/10 between them.
  await api.createDemoMesh(mesh);

  const res = await fetch(`${api.baseURL}/api/meshes/${mesh}/virtualNodes/web-v1/envoy-config?mode=ads&format=yaml`);
  expect(res.status).toBe(200);
  const bootstrap = await res.text();
  // The bootstrap names the node and points Envoy at the BFF's own xDS server.
  expect(bootstrap).toContain(`id: mesh/${mesh}/virtualNode/web-v1`);
  expect(bootstrap).toContain(`port_value: ${xdsPort}\n`);

  // The topology is open before any proxy runs: no badges yet.
  await page.goto(`/meshes/${mesh}/topology`);
  await expect(graphNode(page, 'web-v1')).toBeVisible();
  await expect(badge(page, 'web-v1')).toHaveCount(0);

  const adminPort = await freePort();
  let envoy: RunningEnvoy | undefined;
  try {
    envoy = await startEnvoy(withAdminPort(bootstrap, adminPort), adminPort, { timeoutMs: 30_000 });

    // The open page gets the news from the event stream, without a reload.
    await expect(graphNode(page, 'web-v1').getByRole('img', { name: 'proxies SYNCED' })).toBeVisible();
    await expect(badge(page, 'web-v2')).toHaveCount(0);

    // The mesh-wide endpoint lists the node that has a proxy, with the per-node answer.
    const status = await api.request('GET', `/api/meshes/${mesh}/sync-status`);
    expect(status.status).toBe(200);
    const nodes = status.json.nodes as Record<string, { state: string; proxies: { nodeId: string }[] }>;
    expect(Object.keys(nodes)).toEqual(['web-v1']);
    expect(nodes['web-v1']?.state).toBe('SYNCED');
    expect(nodes['web-v1']?.proxies.map((p) => p.nodeId)).toEqual([`mesh/${mesh}/virtualNode/web-v1`]);

    // The Envoy tab: web-v1's one Envoy is in sync, web-v2 has none.
    const sections = page.getByRole('navigation', { name: 'Mesh sections' });
    await sections.getByRole('link', { name: 'Envoy' }).click();
    const table = page.getByRole('table', { name: 'Envoy configuration per virtual node' });
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });
    await expect(row('web-v1').getByText('SYNCED', { exact: true })).toBeVisible();
    await expect(row('web-v1')).toContainText('1 Envoy connected');
    await expect(row('web-v2').getByText('DISCONNECTED', { exact: true })).toBeVisible();
    await expectAccessible(page, 'Envoy page with a connected proxy');
    await keepScreenshot(page, 'sync-status-envoy');

    // Opening the topology again reads every badge with one request for the whole mesh.
    const perNode: string[] = [];
    page.on('request', (r) => {
      if (/\/virtualNodes\/[^/]+\/sync-status$/.test(new URL(r.url()).pathname)) perNode.push(r.url());
    });
    const meshWide = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/meshes/${mesh}/sync-status`);
    await sections.getByRole('link', { name: 'Topology' }).click();
    expect((await meshWide).status()).toBe(200);
    await expect(graphNode(page, 'web-v1').getByRole('img', { name: 'proxies SYNCED' })).toBeVisible();
    await expect(badge(page, 'web-v2')).toHaveCount(0);
    expect(perNode).toEqual([]);
    await expectAccessible(page, 'topology with a sync badge');
    await keepScreenshot(page, 'sync-status-topology');

    // Envoy goes away: the badge goes with it, again without a reload.
    await envoy.stop();
    await expect(badge(page, 'web-v1')).toHaveCount(0);
  } finally {
    await envoy?.stop();
  }
});
