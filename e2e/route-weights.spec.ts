import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';

test('a route\'s weights are edited from its page and the API returns the new split', async ({ page, api }) => {
  const mesh = uniqueName('weights');
  await api.createDemoMesh(mesh);

  await page.goto('/');
  await page.getByRole('link', { name: mesh }).click();
  await expectAccessible(page, 'mesh page');
  await page.getByRole('navigation', { name: 'Mesh sections' }).getByRole('link', { name: 'Virtual routers' }).click();
  await page.getByRole('link', { name: 'web-router', exact: true }).click();
  await expectAccessible(page, 'router page');
  await page.getByRole('link', { name: 'web-route', exact: true }).click();
  await expect(page.getByRole('table', { name: 'Targets' })).toContainText('90%');
  await expectAccessible(page, 'route page');
  await keepScreenshot(page, 'route-page');

  await page.getByRole('link', { name: 'Edit route web-route' }).click();
  await page.getByRole('button', { name: 'Distribute evenly' }).click();
  await expect(page.getByRole('group', { name: 'Target 1' }).getByLabel('Weight')).toHaveValue('50');
  await page.getByRole('group', { name: 'Target 2' }).getByLabel('Weight').fill('30');
  await page.getByRole('group', { name: 'Target 1' }).getByLabel('Weight').fill('70');
  await expect(page.getByRole('group', { name: 'Target 1' })).toContainText('70% of traffic');
  await expectAccessible(page, 'route edit page');
  await keepScreenshot(page, 'route-edit');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('table', { name: 'Targets' })).toContainText('70%');
  const route = await api.get(`/meshes/${mesh}/virtualRouter/web-router/routes/web-route`);
  expect(route.json.spec).toEqual({
    httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'web-v1', weight: 70 }, { virtualNode: 'web-v2', weight: 30 }] } },
  });
  expect((route.json.metadata as { version: number }).version).toBe(2);
});
