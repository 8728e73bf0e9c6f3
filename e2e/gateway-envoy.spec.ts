import type { Page } from '@playwright/test';
import { startEnvoy, type RunningEnvoy } from '../testkit/envoy';
import { freePort } from '../testkit/ports';
import { withAdminPort } from './support/envoy-bootstrap';
import { expect, expectAccessible, test, uniqueName } from './support/fixtures';
import { createGatewayMesh } from './support/gateway-mesh';

const gatewayNode = (page: Page) => page.getByRole('group', { name: /^Topology of mesh/ }).getByRole('link', { name: 'ingress, virtual gateway', exact: true });

test("a real gateway Envoy on the gateway's ADS bootstrap shows up as SYNCED on the gateway page and, live, in the topology", async ({ page, api, xdsPort }) => {
  const mesh = uniqueName('gwsync');
  // The gateway listens where nothing else on the machine does.
  await createGatewayMesh(api, mesh, [{ name: 'web', prefix: '/' }], await freePort());

  const res = await fetch(`${api.baseURL}/api/meshes/${mesh}/virtualGateways/ingress/envoy-config?mode=ads&format=yaml`);
  expect(res.status).toBe(200);
  const bootstrap = await res.text();
  expect(bootstrap).toContain(`id: mesh/${mesh}/virtualGateway/ingress`);
  expect(bootstrap).toContain(`port_value: ${xdsPort}\n`);

  await page.goto(`/meshes/${mesh}/topology`);
  await expect(gatewayNode(page)).toBeVisible();
  await expect(gatewayNode(page).getByRole('img', { name: /^proxies / })).toHaveCount(0);

  const adminPort = await freePort();
  let envoy: RunningEnvoy | undefined;
  try {
    envoy = await startEnvoy(withAdminPort(bootstrap, adminPort), adminPort, { timeoutMs: 30_000 });
    await expect(gatewayNode(page).getByRole('img', { name: 'proxies SYNCED' })).toBeVisible();

    await page.goto(`/meshes/${mesh}/virtualGateways/ingress`);
    const row = page.getByRole('table', { name: 'Envoy configuration of ingress' }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'ingress', exact: true }) });
    await expect(row.getByText('SYNCED', { exact: true })).toBeVisible();
    await expect(row).toContainText('1 Envoy connected');
    // The mesh's Envoy tab lists the gateway beside the nodes.
    await page.getByRole('navigation', { name: 'Mesh sections' }).getByRole('link', { name: 'Envoy' }).click();
    const gateways = page.getByRole('table', { name: 'Envoy configuration per virtual gateway' });
    await expect(gateways.getByRole('row').filter({ has: page.getByRole('cell', { name: 'ingress', exact: true }) }).getByText('SYNCED', { exact: true })).toBeVisible();
    await expectAccessible(page, 'Envoy tab with a gateway proxy');
  } finally {
    await envoy?.stop();
  }
});
