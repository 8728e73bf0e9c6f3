import { keepScreenshot, test, expect, uniqueName } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('creating a mesh whose name is taken shows the API message at the Mesh name field', async ({ page, api }) => {
  const mesh = uniqueName('taken');
  expect((await api.request('PUT', '/v20190125/meshes', { meshName: mesh })).status).toBe(200);

  const wizard = new WizardPage(page);
  await wizard.open();
  await wizard.fillMesh(mesh, 'svc.taken.local');
  await wizard.next();
  await wizard.fillNode(0, { name: 'solo', hostname: 'solo.local', port: '8080' });
  await wizard.next();
  await wizard.next();
  await expect(wizard.stepHeading('Review and create')).toBeVisible();
  await page.getByRole('button', { name: 'Create mesh' }).click();

  await expect(wizard.stepHeading('Mesh and service')).toBeVisible();
  await wizard.expectFieldError(page.getByLabel('Mesh name'), `a mesh named ${mesh} already exists`);
  await keepScreenshot(page, 'wizard-duplicate-mesh');

  // Nothing of the refused bundle was created.
  const nodes = await api.get(`/meshes/${mesh}/virtualNodes`);
  expect(nodes.json.virtualNodes).toEqual([]);
});
