import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';
import { createGatewayMesh } from './support/gateway-mesh';

test('a gateway and a gateway route made through the pages say in words where requests go, and edits change it', async ({ page, api }) => {
  const mesh = uniqueName('gwpages');
  await createGatewayMesh(api, mesh);

  await page.goto(`/meshes/${mesh}`);
  await page.getByRole('navigation', { name: 'Mesh sections' }).getByRole('link', { name: 'Virtual gateways' }).click();
  await expect(page.getByText(`No virtual gateways in ${mesh}`)).toBeVisible();
  await page.getByRole('link', { name: 'Create virtual gateway' }).click();
  await page.getByLabel('Virtual gateway name').fill('ingress');
  await page.getByLabel('Gateway listener port').fill('8443');
  await page.getByLabel('Gateway listener protocol').selectOption('http');
  await expectAccessible(page, 'create virtual gateway');
  await page.getByRole('button', { name: 'Create virtual gateway' }).click();
  await expect(page.getByRole('heading', { name: 'virtual gateway ingress' })).toBeVisible();
  await expect(page.getByText('No gateway routes: the gateway answers every request with 404')).toBeVisible();

  // A gateway route with App Mesh's default rewrites.
  await page.getByRole('link', { name: 'Create gateway route' }).click();
  await page.getByLabel('Gateway route name').fill('web');
  await page.getByLabel('Path prefix', { exact: true }).fill('/web');
  await page.getByLabel('Target virtual service').selectOption('web.local');
  await expectAccessible(page, 'create gateway route');
  await page.getByRole('button', { name: 'Create gateway route' }).click();
  await expect(page.getByRole('heading', { name: 'gateway route web' })).toBeVisible();
  await expect(page.getByText('Requests for any host + /web* reach web.local as /* on Host web.local.')).toBeVisible();
  await expect(page.getByText('For example /web/1 arrives as /1.')).toBeVisible();

  // Both defaults switched off: the service sees the original path and Host.
  await page.getByRole('link', { name: 'Edit gateway route web' }).click();
  await page.getByLabel("Rewrite the Host to the target service's name").uncheck();
  await page.getByLabel('Prefix rewrite').selectOption('keep');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText("Requests for any host + /web* reach web.local as /web* on the client's Host (unchanged).")).toBeVisible();
  const route = await api.get(`/meshes/${mesh}/virtualGateway/ingress/gatewayRoutes/web`);
  expect(route.json.spec).toEqual({
    httpRoute: {
      match: { prefix: '/web' },
      action: { target: { virtualService: { virtualServiceName: 'web.local' } }, rewrite: { hostname: { defaultTargetHostname: 'DISABLED' }, prefix: { defaultPrefix: 'DISABLED' } } },
    },
  });

  // The gateway page: its routes, the effective routing, and its Envoy.
  await page.getByRole('link', { name: 'ingress', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'virtual gateway ingress' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'web', exact: true })).toBeVisible();
  await expect(page.getByText("web: Requests for any host + /web* reach web.local as /web* on the client's Host (unchanged).")).toBeVisible();
  const envoy = page.getByRole('table', { name: 'Envoy configuration of ingress' });
  await expect(envoy.getByRole('link', { name: 'Static bootstrap of ingress' })).toHaveAttribute('href', `/api/meshes/${mesh}/virtualGateways/ingress/envoy-config?mode=static&format=yaml`);
  const ads = await api.request('GET', `/api/meshes/${mesh}/virtualGateways/ingress/envoy-config?mode=ads&format=json`);
  expect(ads.status).toBe(200);
  expect(JSON.stringify(ads.json)).toContain(`mesh/${mesh}/virtualGateway/ingress`);
  await expectAccessible(page, 'virtual gateway page');
  await keepScreenshot(page, 'gateway-page');

  // A gateway with routes is in use; its route goes first, then the gateway.
  await page.getByRole('button', { name: 'Delete virtual gateway ingress' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete virtual gateway ingress?' });
  await dialog.getByRole('button', { name: 'Delete virtual gateway', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('ResourceInUseException');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('link', { name: 'web', exact: true }).click();
  await page.getByRole('button', { name: 'Delete gateway route web' }).click();
  await page.getByRole('dialog', { name: 'Delete gateway route web?' }).getByRole('button', { name: 'Delete gateway route', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'virtual gateway ingress' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete virtual gateway ingress' }).click();
  await page.getByRole('dialog', { name: 'Delete virtual gateway ingress?' }).getByRole('button', { name: 'Delete virtual gateway', exact: true }).click();
  await expect(page.getByText(`No virtual gateways in ${mesh}`)).toBeVisible();
  expect((await api.get(`/meshes/${mesh}/virtualGateways/ingress`)).status).toBe(404);
});
