import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('the wizard with the Ingress gateway step creates the gateway and its routes, and review says where requests go', async ({ page, api }) => {
  const mesh = uniqueName('gwwizard');
  const wizard = new WizardPage(page);
  await wizard.open();
  await wizard.fillMesh(mesh, 'books.shop.local');
  await wizard.next();
  await wizard.fillNode(0, { name: 'books-v1', hostname: 'books-v1.shop.local', port: '8080' });
  await wizard.next();

  await expect(wizard.stepHeading('Router and route')).toBeVisible();
  await page.getByLabel('Virtual router name').fill('books-router');
  await page.getByLabel('Route name').fill('books-route');
  await page.getByLabel('Add an ingress gateway').check();
  await wizard.next();

  await expect(wizard.stepHeading('Ingress gateway')).toBeVisible();
  await page.getByLabel('Virtual gateway name').fill('ingress');
  await page.getByLabel('Gateway listener port').fill('9000');
  const first = page.getByRole('group', { name: 'Gateway route 1' });
  await first.getByLabel('Gateway route name').fill('chapters');
  await first.getByLabel('Path prefix', { exact: true }).fill('/chapter');
  await page.getByRole('button', { name: 'Add gateway route' }).click();
  const second = page.getByRole('group', { name: 'Gateway route 2' });
  await second.getByLabel('Gateway route name').fill('raw');
  await second.getByLabel('Path prefix', { exact: true }).fill('/raw/');
  await second.getByLabel('Prefix rewrite').selectOption('keep');
  await second.getByLabel("Rewrite the Host to the target service's name").uncheck();
  // A reserved prefix is refused at its field with the model's message, before review.
  await first.getByLabel('Path prefix', { exact: true }).fill('/aws-appmesh/x');
  await wizard.next();
  await wizard.expectFieldError(first.getByLabel('Path prefix', { exact: true }), /aws-appmesh/);
  await first.getByLabel('Path prefix', { exact: true }).fill('/chapter');
  await expectAccessible(page, 'wizard gateway step');

  // The draft keeps the step through a reload.
  await page.reload();
  await expect(wizard.stepHeading('Ingress gateway')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Gateway route 2' }).getByLabel('Gateway route name')).toHaveValue('raw');
  await wizard.next();

  await expect(wizard.stepHeading('Review and create')).toBeVisible();
  await expect(page.getByText('Requests for any host + /chapter* reach books.shop.local as /* on Host books.shop.local (/chapter/1 arrives as /1)')).toBeVisible();
  await expect(page.getByText("Requests for any host + /raw/* reach books.shop.local as /raw/* on the client's Host (unchanged)")).toBeVisible();
  await expect(page.getByRole('button', { name: 'Edit ingress gateway' })).toBeVisible();
  await keepScreenshot(page, 'wizard-gateway-review');
  await page.getByRole('button', { name: 'Create mesh' }).click();
  await expect(page.getByRole('heading', { name: `Mesh ${mesh} created` })).toBeVisible();

  const gateway = await api.get(`/meshes/${mesh}/virtualGateways/ingress`);
  expect(gateway.status).toBe(200);
  expect(gateway.json.spec).toEqual({ listeners: [{ portMapping: { port: 9000, protocol: 'http' } }] });
  const routes = await api.get(`/meshes/${mesh}/virtualGateway/ingress/gatewayRoutes`);
  expect((routes.json.gatewayRoutes as { gatewayRouteName: string }[]).map((r) => r.gatewayRouteName).sort()).toEqual(['chapters', 'raw']);
  const raw = await api.get(`/meshes/${mesh}/virtualGateway/ingress/gatewayRoutes/raw`);
  expect(raw.json.spec).toEqual({
    httpRoute: {
      match: { prefix: '/raw/' },
      action: { target: { virtualService: { virtualServiceName: 'books.shop.local' } }, rewrite: { hostname: { defaultTargetHostname: 'DISABLED' }, prefix: { defaultPrefix: 'DISABLED' } } },
    },
  });
});
