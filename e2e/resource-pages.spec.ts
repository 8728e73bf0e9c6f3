import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';

test('every resource of a mesh has a page; a node is edited with the wizard\'s fields', async ({ page, api }) => {
  const mesh = uniqueName('pages');
  await api.createDemoMesh(mesh);

  await page.goto('/');
  await expect(page.getByRole('link', { name: mesh })).toBeVisible();
  await expectAccessible(page, 'home');
  await keepScreenshot(page, 'home');
  await page.getByRole('link', { name: mesh }).click();

  // Virtual services (the mesh's first tab) and a service's provider.
  await page.getByRole('link', { name: 'web.local' }).click();
  await expect(page.getByText('virtual router web-router')).toBeVisible();
  await expectAccessible(page, 'virtual service page');
  await keepScreenshot(page, 'virtual-service');

  // Envoy: bootstrap downloads per node.
  const sections = page.getByRole('navigation', { name: 'Mesh sections' });
  await sections.getByRole('link', { name: 'Envoy' }).click();
  const ads = page.getByRole('link', { name: 'ADS bootstrap of web-v2' });
  await expect(ads).toBeVisible();
  const download = await fetch(new URL((await ads.getAttribute('href')) ?? '', page.url()));
  expect(download.status).toBe(200);
  expect(download.headers.get('content-disposition')).toContain(`${mesh}-web-v2-envoy-ads.yaml`);
  await expectAccessible(page, 'Envoy page');
  await keepScreenshot(page, 'envoy');

  // A node's edit page: the wizard's checks, then the App Mesh PUT.
  await sections.getByRole('link', { name: 'Virtual nodes' }).click();
  await page.getByRole('link', { name: 'web-v2' }).click();
  await page.getByRole('link', { name: 'Edit virtual node web-v2' }).click();
  const port = page.getByLabel('Listener port');
  await port.fill('70000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(port).toHaveAccessibleDescription('must be a whole number from 1 to 65535');
  await port.fill('8081');
  await page.getByLabel('Log path').fill('/dev/stdout');
  await expectAccessible(page, 'node edit page');
  await keepScreenshot(page, 'node-edit');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'virtual node web-v2' })).toBeVisible();
  await expect(page.getByText('http 8081')).toBeVisible();

  const node = await api.get(`/meshes/${mesh}/virtualNodes/web-v2`);
  expect(node.json.spec).toEqual({
    listeners: [{ portMapping: { port: 8081, protocol: 'http' } }],
    serviceDiscovery: { dns: { hostname: 'web-v2.local' } },
    logging: { accessLog: { file: { path: '/dev/stdout' } } },
  });

  // A node with two listeners (made through the API): the form says which one it does not edit, and Save keeps it.
  const listeners = [{ portMapping: { port: 8080, protocol: 'http' } }, { portMapping: { port: 8081, protocol: 'grpc' } }];
  const created = await api.request('PUT', `/v20190125/meshes/${mesh}/virtualNodes`, { virtualNodeName: 'api', spec: { listeners, serviceDiscovery: { dns: { hostname: 'api.local' } } } });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  await page.goto(`/meshes/${mesh}/virtualNodes/api/edit`);
  const others = page.getByRole('note', { name: 'Listeners not edited here' });
  await expect(others).toContainText('first listener (8080 http)');
  await expect(others).toContainText('Listener 2: 8081 grpc');
  await expect(page.getByLabel('Listener port')).toHaveValue('8080');
  await page.getByLabel('Log path').fill('/dev/stdout');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'virtual node api' })).toBeVisible();
  const saved = await api.get(`/meshes/${mesh}/virtualNodes/api`);
  expect((saved.json.spec as { listeners: unknown }).listeners).toEqual(listeners);
});
