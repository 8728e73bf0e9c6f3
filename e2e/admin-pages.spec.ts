// An admin's pages: access keys (create with a role and meshes, the secret shown once, delete with
// confirmation) and the audit log, which shows the writes just made, newest first, filtered.
import { expect, expectAccessible, keepScreenshot, test, uniqueName } from './support/fixtures';

test('an admin creates an editor key, sees its secret once, and deletes it; the key stops working', async ({ page, api }) => {
  const name = uniqueName('ci');
  const mesh = uniqueName('keys');
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Access keys' }).click();
  await expect(page.getByRole('heading', { name: 'Access keys', level: 1 })).toBeVisible();

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Role').selectOption('editor');
  await page.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByLabel('Meshes')).toHaveAccessibleDescription(/name at least one/);
  await page.getByLabel('Meshes').fill(mesh);
  await page.getByRole('button', { name: 'Create key' }).click();

  await expect(page.getByRole('heading', { name: `Key ${name} created` })).toBeVisible();
  const accessKeyId = (await page.getByLabel('New access key ID').textContent()) ?? '';
  const secretAccessKey = (await page.getByLabel('New secret access key').textContent()) ?? '';
  expect(secretAccessKey).toHaveLength(40);
  await expect(page.getByRole('button', { name: 'Copy secret access key' })).toBeVisible();
  await expectAccessible(page, 'access keys page');
  await keepScreenshot(page, 'access-keys');

  // The secret works, within the key's mesh only.
  const editor = api.as({ accessKeyId, secretAccessKey });
  expect((await editor.request('PUT', '/v20190125/meshes', { meshName: mesh })).status).toBe(200);
  expect((await editor.request('PUT', '/v20190125/meshes', { meshName: `${mesh}-other` })).type).toBe('ForbiddenException');

  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByLabel('New secret access key')).toHaveCount(0);
  const row = page.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('editor');
  await expect(row).toContainText(mesh);

  await row.getByRole('button', { name: `Delete key ${name}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete key ${name}?` });
  await dialog.getByRole('button', { name: 'Delete key' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  expect((await editor.get('/meshes')).type).toBe('UnrecognizedClientException');
});

test('the audit log shows the write just made, newest first, and filters by mesh, operation and outcome', async ({ page, api }) => {
  const mesh = uniqueName('audit');
  expect((await api.request('PUT', '/v20190125/meshes', { meshName: mesh })).status).toBe(200);
  expect((await api.request('PUT', '/v20190125/meshes', { meshName: mesh })).type).toBe('ConflictException');

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await page.getByLabel('Mesh').fill(mesh);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(new RegExp(`mesh=${mesh}`));

  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(3); // the header, the conflict, the create
  await expect(rows.nth(1)).toContainText('ConflictException');
  await expect(rows.nth(2)).toContainText('appmesh:CreateMesh');
  await expect(rows.nth(2)).toContainText(api.credentials.accessKeyId);
  await expect(rows.nth(2)).toContainText('ok');
  await expectAccessible(page, 'audit log page');
  await keepScreenshot(page, 'audit-log');

  await page.getByLabel('Outcome').fill('ok');
  await page.getByLabel('Operation').fill('appmesh:CreateMesh');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(mesh);
});
