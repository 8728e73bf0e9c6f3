import { expectAccessible, keepScreenshot, test, expect, uniqueName } from './support/fixtures';

test('deleting a virtual node that a route targets is refused with the API\'s ResourceInUse message', async ({ page, api }) => {
  const mesh = uniqueName('inuse');
  await api.createDemoMesh(mesh);

  await page.goto(`/meshes/${mesh}/virtualNodes`);
  await page.getByRole('link', { name: 'web-v1' }).click();
  await expect(page.getByRole('heading', { name: 'virtual node web-v1' })).toBeVisible();
  await expectAccessible(page, 'virtual node page');
  await page.getByRole('button', { name: 'Delete virtual node web-v1' }).click();

  const dialog = page.getByRole('dialog', { name: 'Delete virtual node web-v1?' });
  await dialog.getByRole('button', { name: 'Delete virtual node', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('ResourceInUseException');
  await expect(dialog.getByRole('alert')).toContainText('target of route web-router/web-route');
  await expectAccessible(page, 'delete dialog');
  await keepScreenshot(page, 'delete-in-use');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  expect((await api.get(`/meshes/${mesh}/virtualNodes/web-v1`)).status).toBe(200);
});
