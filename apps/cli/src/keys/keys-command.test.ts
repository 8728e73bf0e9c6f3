// `meshwright keys` against a real server: create (secret shown once), list, delete; a deleted key is
// refused; a non-admin key cannot manage keys; credentials come from the environment or a profile.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import { credentialsFileText } from '../../../bff/src/auth/first-start';
import { appMeshClient, startTestServer, type TestServer, useTestCredentialsInEnv } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { main } from '../main';

let server: TestServer;
let dir: string;
before(async () => {
  useTestCredentialsInEnv();
  server = await startTestServer(sqliteVariant);
  dir = mkdtempSync(join(tmpdir(), 'mw-cli-keys-'));
});
after(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['keys', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('create prints the new key and its secret once; list shows it without the secret; delete refuses it from then on', async () => {
  const made = await cli('create', '--name', 'deploy bot', '--role', 'editor', '--mesh', 'shop', '--endpoint', server.url);
  assert.equal(made.code, 0, made.err);
  const id = /aws_access_key_id = (MW[A-Z2-7]{18})/.exec(made.out)?.[1] ?? '';
  const secret = /aws_secret_access_key = (\S{40})/.exec(made.out)?.[1] ?? '';
  assert.ok(id && secret, made.out);
  assert.match(made.out, /created editor key MW\S+ \(deploy bot; shop\)/);
  const listed = await cli('list', '--endpoint', server.url);
  assert.equal(listed.code, 0, listed.err);
  assert.match(listed.out, new RegExp(`${id}\\teditor\\tshop\\tdeploy bot`));
  assert.ok(!listed.out.includes(secret));

  const client = appMeshClient(server.url, { accessKeyId: id, secretAccessKey: secret });
  await client.send(new ListMeshesCommand({}));
  const deleted = await cli('delete', id, '--endpoint', server.url);
  assert.equal(deleted.code, 0, deleted.err);
  await assert.rejects(client.send(new ListMeshesCommand({})), { name: 'UnrecognizedClientException' });
  assert.ok(!(await cli('list', '--endpoint', server.url)).out.includes(id));
});

test('a viewer key cannot manage keys; bad flags exit 2; a refusal exits 1 with the error type', async () => {
  const viewer = await server.keys.create({ role: 'viewer' });
  const file = join(dir, 'credentials');
  writeFileSync(file, credentialsFileText(viewer, 'us-west-2'), { mode: 0o600 });
  const saved = { ...process.env };
  try {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SHARED_CREDENTIALS_FILE = file;
    process.env.AWS_PROFILE = 'meshwright';
    process.env.AWS_ENDPOINT_URL_APP_MESH = server.url;
    const r = await cli('list');
    assert.equal(r.code, 1);
    assert.match(r.err, /ForbiddenException: .*only admin keys may/);
  } finally {
    process.env = saved;
  }
  assert.equal((await cli('create', '--role', 'viewer', '--endpoint', server.url)).code, 2);
  assert.equal((await cli('frobnicate', '--endpoint', server.url)).code, 2);
  const bad = await cli('create', '--name', 'x', '--role', 'editor', '--endpoint', server.url);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /BadRequestException: .*at least one mesh/);
});
