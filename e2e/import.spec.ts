import { readFileSync } from 'node:fs';
import { expect, expectAccessible, test, uniqueName } from './support/fixtures';
import { ImportPage } from './pages/import-page';

const example = (p: string) => readFileSync(new URL(`../examples/import/${p}`, import.meta.url), 'utf8');

test('a CloudFormation template is uploaded, read, reported and created as one mesh', async ({ page, api }) => {
  const mesh = uniqueName('cfn');
  const importer = new ImportPage(page);
  await importer.open();
  await importer.upload([{ name: 'color-app.yaml', text: example('cloudformation/color-app.yaml') }]);
  await page.getByLabel('Format', { exact: true }).selectOption({ label: 'CloudFormation' });
  // The mesh is named by the template's EnvironmentName parameter.
  await page.getByLabel(/CloudFormation parameters/).fill(`EnvironmentName=${mesh}`);
  await importer.read();

  await expect(page.getByRole('heading', { name: 'Resources found (cloudformation)' })).toBeVisible();
  await expect(importer.resources.getByRole('listitem').filter({ hasText: 'Mesh' }).first()).toContainText(mesh);
  await expect(importer.resources.getByRole('listitem').filter({ hasText: 'Virtual node' })).toContainText('colorteller-white-vn');
  // Every report entry names its file and its path in that file.
  const firstRow = importer.report.getByRole('row').nth(1);
  await expect(firstRow).toContainText('color-app.yaml');
  await expect(firstRow.getByRole('cell').nth(2)).toContainText('Resources.');
  await expect(page.getByText('Dry run passed')).toBeVisible();
  await expect(page.getByText(`The mesh ${mesh} does not exist on the server yet`)).toBeVisible();
  await expectAccessible(page, 'the import page with results');

  await importer.create();
  await expect(page.getByRole('heading', { name: `Mesh ${mesh} created` })).toBeVisible();
  const nodes = await api.get(`/meshes/${mesh}/virtualNodes`);
  expect(nodes.status).toBe(200);
  const names = (nodes.json.virtualNodes as { virtualNodeName: string }[]).map((n) => n.virtualNodeName);
  expect(names).toContain('colorteller-white-vn');
});

test('a Kubernetes manifest is uploaded and created; read again, it diffs as unchanged and the create is refused', async ({ page, api }) => {
  const mesh = uniqueName('k8s');
  const manifest = example('kubernetes/color-app.yaml').replaceAll('color-mesh', mesh);
  const importer = new ImportPage(page);
  await importer.open();
  await importer.upload([{ name: 'color-app.yaml', text: manifest }]);
  await importer.read();
  await expect(page.getByRole('heading', { name: 'Resources found (kubernetes)' })).toBeVisible();
  // Pod selectors mean nothing outside a cluster: the report says they were dropped, with the path.
  await expect(importer.report.getByRole('row').filter({ hasText: 'podSelector' }).first()).toContainText('dropped');
  await importer.create();
  await expect(page.getByRole('heading', { name: `Mesh ${mesh} created` })).toBeVisible();
  const services = await api.get(`/meshes/${mesh}/virtualServices`);
  expect((services.json.virtualServices as unknown[]).length).toBeGreaterThan(0);

  await importer.open();
  await importer.upload([{ name: 'color-app.yaml', text: manifest }]);
  await importer.read();
  await expect(importer.diff).toBeVisible();
  await expect(importer.diff.getByRole('row').filter({ hasText: 'Unchanged' }).first()).toBeVisible();
  await expect(importer.diff.getByRole('cell', { name: 'Added', exact: true })).toHaveCount(0);
  await importer.create();
  await expect(page.getByRole('alert')).toContainText('ConflictException');
});

test('broken YAML pasted in is refused with its line and column', async ({ page }) => {
  const importer = new ImportPage(page);
  await importer.open();
  // Line 6 is indented one column less than the mapping it belongs to.
  await importer.paste('Resources:\n  Mesh:\n    Type: AWS::AppMesh::Mesh\n    Properties:\n      MeshName: colors\n     Spec: {}\n');
  await importer.read();
  await expect(page.getByRole('alert')).toContainText('pasted text:6:1: malformed YAML: All mapping items must start at the same column');
});
