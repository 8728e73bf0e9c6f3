import { keepScreenshot, test, expect } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('a reload mid-wizard keeps the draft and the step; the draft can be discarded', async ({ page }) => {
  const wizard = new WizardPage(page);
  await wizard.open();
  await wizard.fillMesh('reload-mesh', 'svc.reload.local');
  await wizard.next();
  await wizard.node(0).getByLabel('Virtual node name').fill('half-typed');
  await wizard.node(0).getByLabel('Listener port').fill('');

  await page.reload();
  await expect(wizard.stepHeading('Virtual nodes')).toBeVisible();
  await expect(wizard.node(0).getByLabel('Virtual node name')).toHaveValue('half-typed');
  await expect(wizard.node(0).getByLabel('Listener port')).toHaveValue('');
  await keepScreenshot(page, 'wizard-reload');
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page.getByLabel('Mesh name')).toHaveValue('reload-mesh');

  await page.getByRole('button', { name: 'Discard draft' }).click();
  await expect(page.getByLabel('Mesh name')).toHaveValue('');
  await page.reload();
  await expect(wizard.stepHeading('Mesh and service')).toBeVisible();
  await expect(page.getByLabel('Mesh name')).toHaveValue('');
});
