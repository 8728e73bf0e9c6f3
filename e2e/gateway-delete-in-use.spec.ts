import { expectAccessible, test, expect, uniqueName } from './support/fixtures';
import { createGatewayMesh } from './support/gateway-mesh';

test("deleting a virtual service that a gateway route targets is refused with the API's ResourceInUse message", async ({ page, api }) => {
  const mesh = uniqueName('gwinuse');
  await createGatewayMesh(api, mesh, [{ name: 'web', prefix: '/' }]);

  await page.goto(`/meshes/${mesh}/virtualServices/web.local`);
  await expect(page.getByRole('heading', { name: 'virtual service web.local' })).toBeVisible();
  await page.getByRole('button', { name: 'Delete virtual service web.local' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete virtual service web.local?' });
  await dialog.getByRole('button', { name: 'Delete virtual service', exact: true }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText('Still in use');
  await expect(alert).toContainText('ResourceInUseException');
  await expect(alert).toContainText('ingress/web');
  await expectAccessible(page, 'delete dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await api.get(`/meshes/${mesh}/virtualServices/web.local`)).status).toBe(200);
});
