import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';

test('every resource of a mesh has a page; a node is edited with the wizard\'s fields, every listener of it', async ({ page, api }) => {
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
  const download = await api.fetch(new URL((await ads.getAttribute('href')) ?? '', page.url()));
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

  // A node with two listeners (made through the API): each is a group of the wizard's fields, and
  // Save keeps what the form does not show (here listener 2's timeout and outlier detection).
  const grpcListener = {
    portMapping: { port: 8081, protocol: 'grpc' },
    timeout: { grpc: { perRequest: { unit: 's', value: 15 } } },
    outlierDetection: { maxServerErrors: 5, interval: { unit: 's', value: 10 }, baseEjectionDuration: { unit: 's', value: 30 }, maxEjectionPercent: 50 },
  };
  const listeners = [{ portMapping: { port: 8080, protocol: 'http' } }, grpcListener];
  const created = await api.request('PUT', `/v20190125/meshes/${mesh}/virtualNodes`, { virtualNodeName: 'api', spec: { listeners, serviceDiscovery: { dns: { hostname: 'api.local' } } } });
  expect(created.status, JSON.stringify(created.json)).toBe(200);
  await page.goto(`/meshes/${mesh}/virtualNodes/api/edit`);
  const first = page.getByRole('group', { name: 'Listener 1' });
  const second = page.getByRole('group', { name: 'Listener 2' });
  await expect(first.getByLabel('Listener port')).toHaveValue('8080');
  await expect(first.getByLabel('Listener protocol')).toHaveValue('http');
  await expect(second.getByLabel('Listener port')).toHaveValue('8081');
  await expect(second.getByLabel('Listener protocol')).toHaveValue('grpc');
  await expect(second.getByLabel('Health check enabled')).not.toBeChecked();

  // A listener added and removed again leaves nothing behind.
  await page.getByRole('button', { name: 'Add listener' }).click();
  const third = page.getByRole('group', { name: 'Listener 3' });
  await expect(third.getByLabel('Listener port')).toHaveValue('8082');
  await third.getByRole('button', { name: 'Remove listener' }).click();
  await expect(third).toHaveCount(0);

  // Each listener's problems show at its own fields.
  await second.getByLabel('Listener port').fill('70000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(second.getByLabel('Listener port')).toHaveAccessibleDescription('must be a whole number from 1 to 65535');
  await expect(first.getByLabel('Listener port')).not.toHaveAccessibleDescription(/./);

  await second.getByLabel('Listener port').fill('8082');
  await expectAccessible(page, 'node edit page with two listeners');
  await keepScreenshot(page, 'node-edit-listeners');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { name: 'virtual node api' })).toBeVisible();
  const saved = await api.request('GET', `/v20190125/meshes/${mesh}/virtualNodes/api`);
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  expect((saved.json.spec as { listeners: unknown }).listeners).toEqual([listeners[0], { ...grpcListener, portMapping: { port: 8082, protocol: 'grpc' } }]);
});
