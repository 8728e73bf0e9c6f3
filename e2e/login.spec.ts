// Signing in to the console with an access key, and out again: wrong secrets are told so, the right
// one returns the user to the page they asked for, and after signing out the cookie opens nothing.
import { LoginPage } from './pages/login-page';
import { adminCredentials, expect, expectAccessible, keepScreenshot, test, uniqueName } from './support/fixtures';

test.use({ signedIn: false });

test('a wrong secret is refused with a message; the right one opens the page that was asked for', async ({ page, api }) => {
  const mesh = uniqueName('login');
  await api.createDemoMesh(mesh);
  await page.goto(`/meshes/${mesh}/virtualNodes`);
  const login = new LoginPage(page);
  await expect(login.heading).toBeVisible();
  await expectAccessible(page, 'login page');
  await keepScreenshot(page, 'login');

  const admin = adminCredentials();
  await login.signIn({ accessKeyId: admin.accessKeyId, secretAccessKey: `${admin.secretAccessKey}x` });
  await expect(page.getByRole('alert')).toContainText('The access key ID or secret access key is wrong.');
  await expect(login.signedIn).toHaveCount(0);

  await login.signIn(admin);
  await expect(page).toHaveURL(new RegExp(`/meshes/${mesh}/virtualNodes$`));
  await expect(page.getByRole('link', { name: 'web-v1' })).toBeVisible();
  await expect(login.signedIn).toContainText('(admin)');
});

test('signing out returns to the login page, and the old cookie no longer opens the API', async ({ page, context, baseURL }) => {
  await page.goto('/');
  const login = new LoginPage(page);
  await login.signIn(adminCredentials());
  await expect(page.getByRole('heading', { name: 'Meshes', level: 1 })).toBeVisible();
  const [cookie] = await context.cookies();
  expect(cookie?.name).toBe('meshwright_session');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');

  await login.signOut();
  await page.reload();
  await expect(login.heading).toBeVisible();
  // The browser's cookie is cleared; replaying the value it had must not work either.
  const replay = await fetch(`${baseURL}/api/meshes/none/sync-status`, { headers: { cookie: `meshwright_session=${cookie?.value ?? ''}` } });
  expect(replay.status).toBe(401);
  // With no cookie at all the API answers as AWS does to a request without credentials.
  const bare = await page.request.get('/v20190125/meshes');
  expect(bare.status()).toBe(403);
  expect(bare.headers()['x-amzn-errortype']).toMatch(/^MissingAuthenticationTokenException/);
});
