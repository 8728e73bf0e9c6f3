import { test, expect, uniqueName } from './support/fixtures';
import { createGatewayMesh } from './support/gateway-mesh';

// The create pages live under `-/new`, so a gateway and a gateway route literally named `new` open
// their own pages, and Cancel on a create page goes back where the user came from.
test('a gateway and a gateway route named "new" open their pages; the create pages still work and cancel', async ({ page, api }) => {
  const mesh = uniqueName('gwnew');
  await createGatewayMesh(api, mesh);
  const gateway = await api.request('PUT', `/v20190125/meshes/${mesh}/virtualGateways`, { virtualGatewayName: 'new', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } });
  expect(gateway.status, JSON.stringify(gateway.json)).toBe(200);
  const route = await api.request('PUT', `/v20190125/meshes/${mesh}/virtualGateway/new/gatewayRoutes`, {
    gatewayRouteName: 'new',
    spec: { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'web.local' } } } } },
  });
  expect(route.status, JSON.stringify(route.json)).toBe(200);

  await page.goto(`/meshes/${mesh}/virtualGateways/new`);
  await expect(page.getByRole('heading', { name: 'virtual gateway new' })).toBeVisible();
  await page.goto(`/meshes/${mesh}/virtualGateways/new/gatewayRoutes/new`);
  await expect(page.getByRole('heading', { name: 'gateway route new' })).toBeVisible();

  await page.goto(`/meshes/${mesh}/virtualGateways`);
  await page.getByRole('link', { name: 'Create virtual gateway' }).click();
  await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualGateways/-/new$`));
  await expect(page.getByRole('heading', { name: 'Create virtual gateway' })).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualGateways$`));

  await page.goto(`/meshes/${mesh}/virtualGateways/new`);
  await page.getByRole('link', { name: 'Create gateway route' }).click();
  await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualGateways/new/gatewayRoutes/-/new$`));
  await expect(page.getByRole('heading', { name: 'Create gateway route on new' })).toBeVisible();
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualGateways/new$`));
  await expect(page.getByRole('heading', { name: 'virtual gateway new' })).toBeVisible();
});
