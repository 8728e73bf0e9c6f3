import { test, expect } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('the wizard works by keyboard, and a route target must be one of the nodes', async ({ page }) => {
  const wizard = new WizardPage(page);
  await wizard.open();

  // Step 1 by keyboard only: type, Tab, type, Enter.
  await page.getByLabel('Mesh name').focus();
  await page.keyboard.type('keys-mesh');
  await page.keyboard.press('Tab');
  await page.keyboard.type('svc.keys.local');
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading('Virtual nodes')).toBeVisible();

  await wizard.node(0).getByLabel('Virtual node name').focus();
  await page.keyboard.type('alpha');
  await wizard.node(0).getByLabel('DNS hostname').focus();
  await page.keyboard.type('alpha.local');
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading('Router and route')).toBeVisible();
  await expect(wizard.target(0).getByLabel('Target virtual node')).toHaveValue('alpha');

  // Renaming the node in step 2 leaves the route pointing at a node that no longer exists.
  await page.getByRole('button', { name: 'Back', exact: true }).press('Enter');
  await wizard.node(0).getByLabel('Virtual node name').fill('beta');
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading('Router and route')).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).press('Enter');
  const target = wizard.target(0).getByLabel('Target virtual node');
  await wizard.expectFieldError(target, 'target virtual node alpha does not exist');
  await expect(wizard.stepHeading('Router and route')).toBeVisible();

  await target.selectOption('beta');
  await page.getByRole('button', { name: 'Next' }).press('Enter');
  await expect(wizard.stepHeading('Review and create')).toBeVisible();
});
