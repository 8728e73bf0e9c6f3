import { expectAccessible, test, expect, uniqueName } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('the wizard creates a gRPC route that matches on service and method, and its edit page changes the method', async ({ page, api }) => {
  const mesh = uniqueName('grpc');
  const wizard = new WizardPage(page);
  await wizard.open();
  await wizard.fillMesh(mesh, 'cart.shop.local');
  await wizard.next();

  await expect(wizard.stepHeading('Virtual nodes')).toBeVisible();
  await wizard.fillNode(0, { name: 'cart-v1', hostname: 'cart-v1.shop.local', port: '50051', protocol: 'grpc' });
  await wizard.next();

  // Step 3: the route type follows the gRPC listener; gRPC matches on service and method, not on HTTP fields.
  await expect(wizard.stepHeading('Router and route')).toBeVisible();
  await expect(page.getByLabel('Route type')).toHaveValue('grpc');
  await expect(page.getByLabel('Prefix')).toHaveCount(0);
  await expect(page.getByLabel('Method', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add header' })).toHaveCount(0);
  await page.getByLabel('Virtual router name').fill('cart-router');
  await page.getByLabel('Route name').fill('cart-route');
  const service = page.getByLabel('Service name');
  const method = page.getByLabel('Method name');
  await method.fill('Get');
  await wizard.next();
  await wizard.expectFieldError(method, /a method name needs a service name/);
  await service.fill('shop.Cart');
  await expectAccessible(page, 'wizard gRPC route');

  // The draft keeps both fields through a reload.
  await page.reload();
  await expect(page.getByLabel('Service name')).toHaveValue('shop.Cart');
  await expect(page.getByLabel('Method name')).toHaveValue('Get');

  // TCP routes match on nothing.
  await page.getByLabel('Route type').selectOption('tcp');
  await expect(page.getByLabel('Service name')).toHaveCount(0);
  await expect(page.getByLabel('Prefix')).toHaveCount(0);
  await page.getByLabel('Route type').selectOption('grpc');
  await expect(page.getByLabel('Service name')).toHaveValue('shop.Cart');
  await wizard.next();

  await expect(wizard.stepHeading('Review and create')).toBeVisible();
  await page.getByRole('button', { name: 'Create mesh' }).click();
  await expect(page.getByRole('heading', { name: `Mesh ${mesh} created` })).toBeVisible();

  const route = await api.get(`/meshes/${mesh}/virtualRouter/cart-router/routes/cart-route`);
  expect(route.status).toBe(200);
  expect(route.json.spec).toEqual({
    grpcRoute: { match: { serviceName: 'shop.Cart', methodName: 'Get' }, action: { weightedTargets: [{ virtualNode: 'cart-v1', weight: 100 }] } },
  });

  // The route edit page reads them back and saves an edited method.
  await page.getByRole('link', { name: `the mesh ${mesh}` }).click();
  await page.getByRole('navigation', { name: 'Mesh sections' }).getByRole('link', { name: 'Virtual routers' }).click();
  await page.getByRole('link', { name: 'cart-router', exact: true }).click();
  await page.getByRole('link', { name: 'cart-route', exact: true }).click();
  await page.getByRole('link', { name: 'Edit route cart-route' }).click();
  await expect(page.getByLabel('Service name')).toHaveValue('shop.Cart');
  await expect(page.getByLabel('Method name')).toHaveValue('Get');
  await page.getByLabel('Method name').fill('Put');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('table', { name: 'Targets' })).toBeVisible();
  const edited = await api.get(`/meshes/${mesh}/virtualRouter/cart-router/routes/cart-route`);
  expect((edited.json.spec as { grpcRoute: { match: unknown } }).grpcRoute.match).toEqual({ serviceName: 'shop.Cart', methodName: 'Put' });
});
