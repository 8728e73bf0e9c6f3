// The admin's Proxy certificates page: an ADS bootstrap download issues a certificate, which the page
// lists for its mesh; revoking it (after a confirmation naming the proxy) marks it revoked, and the
// audit log shows the revocation, and a real Envoy running on it is refused from then on. A viewer
// gets no navigation entry and, by the URL, the refusal.
import type { Page } from '@playwright/test';
import { startEnvoy } from '../testkit/envoy';
import { freePort } from '../testkit/ports';
import { bootstrapTls } from '../testkit/xds/bootstrap-tls';
import { withAdminPort } from './support/envoy-bootstrap';
import { expect, expectAccessible, keepScreenshot, signedInState, test, uniqueName } from './support/fixtures';

/** Confirms the revoke of one certificate in the page's dialog. */
async function revoke(page: Page, serial: string, proxy: string): Promise<void> {
  await page.getByRole('row', { name: new RegExp(serial) }).getByRole('button', { name: `Revoke certificate ${serial} of ${proxy}` }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke the certificate of ${proxy}?` });
  await dialog.getByRole('button', { name: 'Revoke certificate' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Certificate ${serial} of ${proxy} revoked` })).toBeVisible();
}

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

  // The dialog names the proxy and says what revoking does; cancelling changes nothing.
  await row.getByRole('button', { name: `Revoke certificate ${serial} of virtual node web-v1` }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke the certificate of virtual node web-v1?' });
  await expect(dialog).toContainText(nodeId);
  await expect(dialog).toContainText(`mesh ${mesh}`);
  await expect(dialog).toContainText('xDS stream is ended and refused from then on');
  await expect(dialog).toContainText('ADS bootstrap again issues a new certificate');
  await keepScreenshot(page, 'proxy-certificate-revoke');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(row.getByRole('cell', { name: 'no', exact: true })).toBeVisible();

  await revoke(page, serial, 'virtual node web-v1');
  const notice = page.getByRole('status').filter({ hasText: `Certificate ${serial} of virtual node web-v1 revoked` });
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

test('the Envoy running on a certificate revoked on the page is cut off: refused with the reason, shown disconnected', async ({ page, api }) => {
  const mesh = uniqueName('cutoff');
  await api.createDemoMesh(mesh);
  const download = await api.fetch(`/api/meshes/${mesh}/virtualNodes/web-v1/envoy-config?mode=ads&format=yaml`);
  expect(download.status).toBe(200);
  const bootstrap = await download.text();
  const { serial } = bootstrapTls(bootstrap);
  const adminPort = await freePort();
  const envoy = await startEnvoy(withAdminPort(bootstrap, adminPort), adminPort, { timeoutMs: 30_000 });
  try {
    await page.goto(`/meshes/${mesh}/envoy`);
    const row = page.getByRole('table', { name: 'Envoy configuration per virtual node' }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'web-v1', exact: true }) });
    await expect(row.getByText('SYNCED', { exact: true })).toBeVisible();

    await page.goto(`/admin/proxy-certificates?mesh=${mesh}`);
    await revoke(page, serial, 'virtual node web-v1');

    // Its stream was ended; Envoy dials again and the xDS server refuses it (7 = PERMISSION_DENIED).
    // Envoy logs the server's message as the grpc-message header carries it, percent-encoded.
    const refused = `closed: 7, ${encodeURIComponent(`client certificate ${serial} of mesh/${mesh}/virtualNode/web-v1 was revoked at`).replaceAll('%2F', '/')}`;
    await expect.poll(envoy.logs, { timeout: 20_000 }).toContain(refused);
    await page.goto(`/meshes/${mesh}/envoy`);
    await expect(row.getByText('DISCONNECTED', { exact: true })).toBeVisible();
  } finally {
    await envoy.stop();
  }
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
