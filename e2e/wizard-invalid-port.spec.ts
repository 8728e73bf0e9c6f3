import { keepScreenshot, test, expect } from './support/fixtures';
import { WizardPage } from './pages/wizard-page';

test('a listener port of 70000 is refused at the field with the allowed range, and Next does not advance', async ({ page }) => {
  const wizard = new WizardPage(page);
  await wizard.open();
  await wizard.next();
  // Step 1 validates too: empty names do not pass.
  await expect(wizard.stepHeading('Mesh and service')).toBeVisible();
  await wizard.expectFieldError(page.getByLabel('Mesh name'), 'is required');

  await wizard.fillMesh('port-mesh', 'svc.port.local');
  await wizard.next();
  await wizard.fillNode(0, { name: 'n1', hostname: 'n1.local', port: '70000' });
  await wizard.next();

  await expect(wizard.stepHeading('Virtual nodes')).toBeVisible();
  const port = wizard.node(0).getByLabel('Listener port');
  await wizard.expectFieldError(port, 'must be a whole number from 1 to 65535');
  await expect(port).toBeFocused();
  await keepScreenshot(page, 'wizard-invalid-port');

  await port.fill('8080');
  await wizard.next();
  await expect(wizard.stepHeading('Router and route')).toBeVisible();
});
