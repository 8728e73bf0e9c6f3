import { readFile } from 'node:fs/promises';
import { expect, test, uniqueName } from './support/fixtures';
import { ImportPage } from './pages/import-page';

test('Export downloads a CloudFormation template that imports back to the same mesh', async ({ page, api }) => {
  const mesh = uniqueName('export');
  await api.createDemoMesh(mesh);
  await page.goto(`/meshes/${mesh}`);
  await page.getByLabel('Export format').selectOption({ label: 'CloudFormation' });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export', exact: true }).click()]);
  expect(download.suggestedFilename()).toBe(`${mesh}.cloudformation.yaml`);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  expect(text).toContain('AWS::AppMesh::Mesh');

  // Read back on the Import page: every resource is on the server already, unchanged.
  const importer = new ImportPage(page);
  await importer.open();
  await importer.upload([{ name: download.suggestedFilename(), text }]);
  await importer.read();
  const rows = importer.diff.getByRole('row');
  await expect(rows).toHaveCount(1 + 6); // header + mesh, 2 nodes, router, route, service
  await expect(rows.filter({ hasText: 'Unchanged' })).toHaveCount(6);
});
