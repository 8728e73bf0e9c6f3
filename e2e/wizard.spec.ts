import { readFileSync } from 'node:fs';
import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('the wizard creates a mesh with two nodes, a 90/10 route, a health check, a backend and a log path', async ({ page, api }) => {
  const mesh = uniqueName('shop');
  const wizard = new WizardPage(page);
  await wizard.open();

  // Step 1
  await wizard.fillMesh(mesh, 'reviews.shop.local');
  await expectAccessible(page, 'wizard step 1');
  await keepScreenshot(page, 'wizard-1-mesh');
  await wizard.next();

  // Step 2
  await expect(wizard.stepHeading('Virtual nodes')).toBeVisible();
  await wizard.fillNode(0, {
    name: 'reviews-v1',
    hostname: 'reviews-v1.shop.local',
    port: '9080',
    healthCheck: { path: '/ping', interval: '6000', timeout: '3000' },
    backends: ['ratings.shop.local'],
    logPath: '/dev/stdout',
  });
  await wizard.addNode();
  await wizard.fillNode(1, { name: 'reviews-v2', hostname: 'reviews-v2.shop.local', port: '9080' });
  await expectAccessible(page, 'wizard step 2');
  await keepScreenshot(page, 'wizard-2-nodes');
  await wizard.next();

  // Step 3: defaults come from the first node; the route splits 90/10.
  await expect(wizard.stepHeading('Router and route')).toBeVisible();
  await expect(page.getByLabel('Router listener port')).toHaveValue('9080');
  await expect(page.getByLabel('Prefix')).toHaveValue('/');
  await page.getByLabel('Virtual router name').fill('reviews-router');
  await page.getByLabel('Route name').fill('reviews-route');
  await wizard.setTarget(0, 'reviews-v1', '90');
  await wizard.setTarget(1, 'reviews-v2', '10');
  await expect(wizard.target(0)).toContainText('90% of traffic');
  await expect(wizard.target(1)).toContainText('10% of traffic');
  await expectAccessible(page, 'wizard step 3');
  await keepScreenshot(page, 'wizard-3-router');
  await wizard.next();

  // Step 4: review, dry run, JSON and Envoy config.
  await expect(wizard.stepHeading('Review and create')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Dry-run findings' })).toContainText('ratings.shop.local');
  await expect(page.getByRole('button', { name: 'Edit virtual node reviews-v1' })).toBeVisible();
  await expectAccessible(page, 'wizard review');
  await keepScreenshot(page, 'wizard-4-review');
  await page.getByRole('tab', { name: 'App Mesh JSON' }).click();
  await expect(page.getByRole('region', { name: 'Route reviews-router/reviews-route' })).toContainText('"weight": 90');
  await keepScreenshot(page, 'wizard-4-review-json');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download bundle' }).click();
  const bundleFile = await downloading;
  expect(bundleFile.suggestedFilename()).toBe(`${mesh}.bundle.json`);
  const bundle = JSON.parse(readFileSync((await bundleFile.path()) ?? '', 'utf8')) as { mesh: { meshName: string }; virtualNodes: unknown[] };
  expect(bundle.mesh.meshName).toBe(mesh);
  expect(bundle.virtualNodes).toHaveLength(2);
  await page.getByRole('tab', { name: 'Envoy config' }).click();
  await expect(page.getByLabel('Envoy static bootstrap of reviews-v1')).toContainText(`mesh/${mesh}/virtualNode/reviews-v1`);
  await expectAccessible(page, 'wizard review Envoy config');
  await keepScreenshot(page, 'wizard-4-review-envoy');

  // An Edit button leads back to its step with the values kept.
  await page.getByRole('tab', { name: 'Summary' }).click();
  await page.getByRole('button', { name: 'Edit mesh and service' }).click();
  await expect(page.getByLabel('Mesh name')).toHaveValue(mesh);
  await wizard.next();
  await wizard.next();
  await wizard.next();

  await page.getByRole('button', { name: 'Create mesh' }).click();
  await expect(page.getByRole('heading', { name: `Mesh ${mesh} created` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download ADS bootstrap of reviews-v2' })).toBeVisible();
  await expectAccessible(page, 'created status');
  await keepScreenshot(page, 'wizard-5-created');

  // The API returns what the wizard said it would create.
  const route = await api.get(`/meshes/${mesh}/virtualRouter/reviews-router/routes/reviews-route`);
  expect(route.status).toBe(200);
  expect(route.json.spec).toEqual({
    httpRoute: {
      match: { prefix: '/' },
      action: { weightedTargets: [{ virtualNode: 'reviews-v1', weight: 90 }, { virtualNode: 'reviews-v2', weight: 10 }] },
    },
  });
  const node = await api.get(`/meshes/${mesh}/virtualNodes/reviews-v1`);
  expect(node.json.spec).toMatchObject({
    listeners: [{ portMapping: { port: 9080, protocol: 'http' }, healthCheck: { protocol: 'http', path: '/ping', intervalMillis: 6000, timeoutMillis: 3000, healthyThreshold: 2, unhealthyThreshold: 2 } }],
    serviceDiscovery: { dns: { hostname: 'reviews-v1.shop.local' } },
    backends: [{ virtualService: { virtualServiceName: 'ratings.shop.local' } }],
    logging: { accessLog: { file: { path: '/dev/stdout' } } },
  });
  const service = await api.get(`/meshes/${mesh}/virtualServices/reviews.shop.local`);
  expect(service.json.spec).toEqual({ provider: { virtualRouter: { virtualRouterName: 'reviews-router' } } });

  // The status screen links to the mesh, which lists it.
  await page.getByRole('link', { name: `the mesh ${mesh}` }).click();
  await expect(page.getByRole('link', { name: 'reviews.shop.local' })).toBeVisible();
});
