// The CA is made once in DATA_DIR (key 0600) and reused; XDS_CA_CERT/XDS_CA_KEY replace it; broken
// setups stop the start with a message naming the file.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadOrCreateCa } from './ca-files';
import { testCa } from '../../../../../testkit/xds/tls';

const dirs: string[] = [];
const freshDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'mw-ca-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('creates ca.crt and a 0600 ca.key at first start, and reuses them after', async () => {
  const dataDir = freshDir();
  const first = await loadOrCreateCa({ dataDir }, new Date());
  assert.equal(first.created, true);
  assert.equal(statSync(join(dataDir, 'ca.key')).mode & 0o777, 0o600);
  const cert = new X509Certificate(readFileSync(join(dataDir, 'ca.crt')));
  assert.equal(cert.ca, true);
  assert.match(cert.subject, /CN=meshwright xDS CA/);
  const second = await loadOrCreateCa({ dataDir }, new Date());
  assert.equal(second.created, false);
  assert.equal(second.ca.certPem, first.ca.certPem);
});

test('uses XDS_CA_CERT and XDS_CA_KEY when given, both or neither', async () => {
  const dir = freshDir();
  const ca = await testCa();
  writeFileSync(join(dir, 'my.crt'), ca.certPem);
  writeFileSync(join(dir, 'my.key'), ca.keyPem);
  const loaded = await loadOrCreateCa({ dataDir: freshDir(), certFile: join(dir, 'my.crt'), keyFile: join(dir, 'my.key') }, new Date());
  assert.equal(loaded.ca.certPem, ca.certPem);
  await assert.rejects(loadOrCreateCa({ dataDir: dir, certFile: join(dir, 'my.crt') }, new Date()), /set both XDS_CA_CERT and XDS_CA_KEY/);
});

test('refuses a key of another certificate, a leaf as CA, and a lone ca.crt', async () => {
  const dir = freshDir();
  const ca = await testCa();
  const leaf = await ca.issue({ commonName: 'x', usage: 'server', dns: ['x'], notBefore: new Date(), notAfter: new Date(Date.now() + 60_000) });
  writeFileSync(join(dir, 'ca.crt'), ca.certPem);
  writeFileSync(join(dir, 'other.key'), leaf.keyPem);
  writeFileSync(join(dir, 'leaf.crt'), leaf.certPem);
  await assert.rejects(loadOrCreateCa({ dataDir: dir, certFile: join(dir, 'ca.crt'), keyFile: join(dir, 'other.key') }, new Date()), /the CA key does not belong to the CA certificate/);
  await assert.rejects(loadOrCreateCa({ dataDir: dir, certFile: join(dir, 'leaf.crt'), keyFile: join(dir, 'other.key') }, new Date()), /is not a CA/);
  await assert.rejects(loadOrCreateCa({ dataDir: dir }, new Date()), /ca\.key is missing beside .*ca\.crt/);
  await assert.rejects(loadOrCreateCa({ dataDir: dir, certFile: join(dir, 'nope.crt'), keyFile: join(dir, 'other.key') }, new Date()), /cannot read the xDS CA certificate .*nope\.crt/);
});
