// Roles in the console: a viewer key reads everything and changes nothing (no edit, delete or create
// controls; an edit tried anyway by its URL is refused with the server's message); an editor gets the
// controls in its own meshes only.
import { expect, signedInState, test, uniqueName } from './support/fixtures';

test.use({ signedIn: false });

test('a viewer sees no edit, delete or create controls, and a direct edit is refused with the reason', async ({ page, context, api }) => {
  const mesh = uniqueName('viewer');
  await api.createDemoMesh(mesh);
  const viewer = await api.createKey(uniqueName('reader'), 'viewer');
  await context.addCookies((await signedInState(api, viewer)).cookies);

  await page.goto('/');
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('(viewer)');
  await expect(page.getByRole('link', { name: mesh })).toBeVisible();
  const main = page.getByRole('navigation', { name: 'Main' });
  await expect(main.getByRole('link', { name: 'Get started' })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Import' })).toHaveCount(0);
  await expect(main.getByRole('link', { name: 'Access keys' })).toHaveCount(0);
  await expect(page.getByRole('main').getByRole('link', { name: 'Get started' })).toHaveCount(0);

  await page.goto(`/meshes/${mesh}/virtualNodes/web-v1`);
  await expect(page.getByRole('heading', { name: 'virtual node web-v1' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit virtual node web-v1' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);

  // The edit page by its URL: the form is there, the server refuses the save and says why.
  await page.goto(`/meshes/${mesh}/virtualNodes/web-v1/edit`);
  await page.getByLabel('Listener port').fill('8081');
  await page.getByRole('button', { name: 'Save' }).click();
  const refusal = page.getByRole('alert');
  await expect(refusal).toContainText('ForbiddenException');
  await expect(refusal).toContainText(`is not authorized to perform appmesh:UpdateVirtualNode on mesh ${mesh}: viewer keys only read`);
  // Refused, not signed out.
  await expect(page.getByRole('group', { name: 'Signed in' })).toBeVisible();
  const node = await api.get(`/meshes/${mesh}/virtualNodes/web-v1`);
  expect(JSON.stringify(node.json)).toContain('"port":8080');
});

test('an editor gets edit and delete controls in its own mesh, and only reads the others', async ({ page, context, api }) => {
  const own = uniqueName('own');
  const other = uniqueName('other');
  await api.createDemoMesh(own);
  await api.createDemoMesh(other);
  const editor = await api.createKey(uniqueName('writer'), 'editor', [own]);
  await context.addCookies((await signedInState(api, editor)).cookies);

  await page.goto(`/meshes/${own}/virtualNodes/web-v1`);
  await expect(page.getByRole('group', { name: 'Signed in' })).toContainText(`(editor of ${own})`);
  await expect(page.getByRole('link', { name: 'Edit virtual node web-v1' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Delete virtual node web-v1' })).toBeVisible();

  await page.goto(`/meshes/${other}/virtualNodes/web-v1`);
  await expect(page.getByRole('heading', { name: 'virtual node web-v1' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Edit virtual node web-v1' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Delete/ })).toHaveCount(0);
});
