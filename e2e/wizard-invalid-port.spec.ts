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
  // A row just added is not an error yet; Next with it still empty is.
  await wizard.node(0).getByRole('button', { name: 'Add backend' }).click();
  const backend = wizard.node(0).getByLabel('Backend virtual service name');
  await expect(backend).toBeFocused();
  await expect(backend).not.toHaveAttribute('aria-invalid', 'true');
  await wizard.next();

  await expect(wizard.stepHeading('Virtual nodes')).toBeVisible();
  const port = wizard.node(0).getByLabel('Listener port');
  await wizard.expectFieldError(port, 'must be a whole number from 1 to 65535');
  await expect(port).toBeFocused();
  await wizard.expectFieldError(backend, /required/);
  await keepScreenshot(page, 'wizard-invalid-port');
  await wizard.node(0).getByRole('button', { name: 'Remove backend 1' }).click();

  await port.fill('8080');
  await wizard.next();
  await expect(wizard.stepHeading('Router and route')).toBeVisible();

  // The same for a target added on step 3: no error until Next.
  await page.getByLabel('Virtual router name').fill('r1');
  await page.getByLabel('Route name').fill('route1');
  await page.getByRole('button', { name: 'Add target' }).click();
  const target = wizard.target(1).getByLabel('Target virtual node');
  await expect(target).toBeVisible();
  await expect(target).not.toHaveAttribute('aria-invalid', 'true');
  await wizard.next();
  await expect(wizard.stepHeading('Router and route')).toBeVisible();
  await wizard.expectFieldError(target, /./);
});
