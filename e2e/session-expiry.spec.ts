// A console session that sits idle ends: the next request brings the login page, the wizard's draft
// is still there after signing in again. Its own server, whose sessions end after one idle minute
// (SESSION_IDLE_MINUTES takes whole minutes: the shortest idle time the server can be given).
import { LoginPage } from './pages/login-page';
import { startBff, type BffProcess } from './support/bff-process';
import { expect, test, uniqueName } from './support/fixtures';

test.use({ signedIn: false });

let bff: BffProcess;
test.beforeAll(async () => {
  bff = await startBff({ SESSION_IDLE_MINUTES: '1' });
});
test.afterAll(async () => {
  await bff.stop();
});

test('an idle session ends: the login page comes back and the wizard draft survives signing in again', async ({ page }) => {
  test.setTimeout(120_000);
  const mesh = uniqueName('idle');
  await page.goto(`${bff.url}/get-started`);
  const login = new LoginPage(page);
  await login.signIn(bff.admin);
  await page.getByLabel('Mesh name').fill(mesh);
  await page.getByLabel('Mesh name').blur();

  // Idle past the minute the server allows, then ask the server for something.
  await page.waitForTimeout(62_000);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meshes' }).click();
  await expect(login.heading).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible();

  await login.signIn(bff.admin);
  await expect(page.getByRole('heading', { name: 'Meshes', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Get started' }).click();
  await expect(page.getByLabel('Mesh name')).toHaveValue(mesh);
});
