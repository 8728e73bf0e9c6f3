// The admin's Proxy certificates page: an ADS bootstrap download issues a certificate, which the page
// lists for its mesh; revoking it (after a confirmation naming the proxy) marks it revoked, and the
// audit log shows the revocation. A viewer gets no navigation entry and, by the URL, the refusal.
import { bootstrapTls } from '../testkit/xds/bootstrap-tls';
import { expect, expectAccessible, keepScreenshot, signedInState, test, uniqueName } from './support/fixtures';

test('an admin sees the certificate an ADS download issued, revokes it, and finds the revocation in the audit log', async ({ page, api }) => {
  const mesh = uniqueName('certs');
  await api.createDemoMesh(mesh);
  const download = await api.fetch(`/api/meshes/${mesh}/virtualNodes/web-v1/envoy-config?mode=ads&format=yaml`);
  expect(download.status).toBe(200);
  const { serial } = bootstrapTls(await download.text());
  const nodeId = `mesh/${mesh}/virtualNode/web-v1`;

  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Proxy certificates' }).click();
  await expect(page.getByRole('heading', { name: 'Proxy certificates', level: 1 })).toBeVisible();
  await page.getByLabel('Mesh').selectOption(mesh);
  await expect(page).toHaveURL(new RegExp(`mesh=${mesh}`));

  const rows = page.getByRole('table', { name: 'Proxy certificates, oldest first' }).getByRole('row');
  await expect(rows).toHaveCount(2); // the header and the one certificate of this mesh
  const row = page.getByRole('row', { name: new RegExp(serial) });
  await expect(row).toContainText(nodeId);
  await expect(row).toContainText('virtual node');
  await expect(row.getByRole('cell', { name: mesh, exact: true })).toBeVisible();
  await expectAccessible(page, 'proxy certificates page');

  await row.getByRole('button', { name: `Revoke certificate ${serial} of virtual node web-v1` }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the certificate of virtual node web-v1?' });
  await expect(dialog).toContainText(nodeId);
  await expect(dialog).toContainText(`mesh ${mesh}`);
  await expect(dialog).toContainText('xDS stream is ended and refused from then on');
  await expect(dialog).toContainText('ADS bootstrap again issues a new certificate');
  await keepScreenshot(page, 'proxy-certificate-revoke');
  await dialog.getByRole('button', { name: 'Revoke certificate' }).click();
  await expect(dialog).toBeHidden();

  const notice = page.getByRole('status').filter({ hasText: `Certificate ${serial} of virtual node web-v1 revoked` });
  await expect(notice).toBeVisible();
  await expect(row).toContainText(/revoked \d{4}-\d{2}-\d{2} /i);
  await expect(row.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  // The server agrees: the certificate is revoked there, not only on the page.
  const listed = await api.request('GET', `/api/proxy-certificates?mesh=${mesh}`);
  expect((listed.json.certificates as { serial: string; revokedAt: string | null }[]).find((c) => c.serial === serial)?.revokedAt).toEqual(expect.any(String));
  await keepScreenshot(page, 'proxy-certificates');

  await notice.getByRole('link', { name: 'See the revocation in the audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Operation')).toHaveValue('console:RevokeProxyCertificate');
  await expect(page.getByLabel('Mesh')).toHaveValue(mesh);
  const events = page.getByRole('table').getByRole('row');
  await expect(events).toHaveCount(2);
  await expect(events.nth(1)).toContainText('console:RevokeProxyCertificate');
  await expect(events.nth(1)).toContainText(`:mesh/${mesh}/virtualNode/web-v1`);
  await expect(events.nth(1)).toContainText(api.credentials.accessKeyId);
  await expect(events.nth(1)).toContainText('ok');
});

test.describe('as a viewer', () => {
  test.use({ signedIn: false });

  test('a viewer has no Proxy certificates entry, and the page by its URL shows the refusal and no list', async ({ page, context, api }) => {
    const viewer = await api.createKey(uniqueName('reader'), 'viewer');
    await context.addCookies((await signedInState(api, viewer)).cookies);

    await page.goto('/');
    await expect(page.getByRole('group', { name: 'Signed in' })).toContainText('(viewer)');
    const main = page.getByRole('navigation', { name: 'Main' });
    await expect(main.getByRole('link', { name: 'Meshes' })).toBeVisible();
    await expect(main.getByRole('link', { name: 'Proxy certificates' })).toHaveCount(0);

    await page.goto('/admin/proxy-certificates');
    const refusal = page.getByRole('alert');
    await expect(refusal).toContainText('Only admin keys see proxy certificates');
    await expect(refusal).toContainText('ForbiddenException');
    await expect(page.getByRole('table')).toHaveCount(0);
    await expect(page.getByLabel('Mesh')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Signed in' })).toBeVisible();
  });
});
