// The real server (createApp, its store, its key store) against the real AWS CLI, SDK v3 and boto3:
// a meshwright-issued key passes; unsigned, unknown-key, wrong-secret, stale (the server's clock 20
// minutes ahead) and tampered (a byte of the body changed on the way) requests are refused with 403
// and the exception each client then raises.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppMeshClient, CreateMeshCommand, ListMeshesCommand } from '@aws-sdk/client-app-mesh';
import { appMeshClient, startTestServer, TEST_ACCESS_KEY_ID, TEST_CREDENTIALS, TEST_SECRET_ACCESS_KEY, type TestServer } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { startTamperingProxy } from './capture-server';

const WRONG = 'wrong-secret-000000000000000000000000000';
const UNKNOWN = 'MWNOSUCHKEY000000000';

let server: TestServer;
let skewed: TestServer;
let proxy: { url: string; close(): Promise<void> };
let home: string;
before(async () => {
  server = await startTestServer(sqliteVariant);
  skewed = await startTestServer(sqliteVariant, { deps: { clock: () => Date.now() + 20 * 60_000 } });
  proxy = await startTamperingProxy(server.url);
  home = mkdtempSync(join(tmpdir(), 'mw-real-clients-'));
});
after(async () => {
  await proxy?.close();
  await server?.close();
  await skewed?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const base = { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' };
    execFile(cmd, args, { env: { ...base, ...env } }, (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

describe('AWS CLI', () => {
  const aws = (url: string, args: string[], key = TEST_ACCESS_KEY_ID, secret = TEST_SECRET_ACCESS_KEY) =>
    run('aws', ['appmesh', ...args, '--endpoint-url', url, '--region', 'us-west-2', '--output', 'json'], { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret });
  const refused = async (exception: string, url: string, args: string[], key?: string, secret?: string) => {
    const r = await aws(url, args, key, secret);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`\\(${exception}\\)`), r.stderr);
    return r.stderr;
  };

  test('signed with a meshwright key it works; unsigned, unknown key, wrong secret, stale and tampered are refused', async () => {
    const ok = await aws(server.url, ['create-mesh', '--mesh-name', 'cli-made']);
    assert.equal(ok.code, 0, ok.stderr);
    await refused('MissingAuthenticationTokenException', server.url, ['list-meshes', '--no-sign-request']);
    await refused('UnrecognizedClientException', server.url, ['list-meshes'], UNKNOWN);
    await refused('InvalidSignatureException', server.url, ['list-meshes'], TEST_ACCESS_KEY_ID, WRONG);
    assert.match(await refused('InvalidSignatureException', skewed.url, ['list-meshes']), /Signature expired/);
    await refused('InvalidSignatureException', proxy.url, ['create-mesh', '--mesh-name', 'tampered']);
  });
});

describe('SDK v3', () => {
  const errorName = async (p: Promise<unknown>) => p.then(() => 'ok', (e: { name: string; $metadata?: { httpStatusCode?: number } }) => `${e.name} ${e.$metadata?.httpStatusCode ?? ''}`);
  test('signed it works; unsigned, unknown key, wrong secret, stale and tampered are refused with 403', async () => {
    assert.equal(await errorName(server.client.send(new ListMeshesCommand({}))), 'ok');
    // A signer that signs nothing: the request goes out without Authorization.
    const unsigned = new AppMeshClient({ endpoint: server.url, region: 'us-west-2', credentials: TEST_CREDENTIALS, maxAttempts: 1, signer: { sign: (r) => Promise.resolve(r) } });
    assert.equal(await errorName(unsigned.send(new ListMeshesCommand({}))), 'MissingAuthenticationTokenException 403');
    assert.equal(await errorName(appMeshClient(server.url, { accessKeyId: UNKNOWN, secretAccessKey: WRONG }).send(new ListMeshesCommand({}))), 'UnrecognizedClientException 403');
    assert.equal(await errorName(appMeshClient(server.url, { accessKeyId: TEST_ACCESS_KEY_ID, secretAccessKey: WRONG }).send(new ListMeshesCommand({}))), 'InvalidSignatureException 403');
    assert.equal(await errorName(appMeshClient(skewed.url).send(new ListMeshesCommand({}))), 'InvalidSignatureException 403');
    assert.equal(await errorName(appMeshClient(proxy.url).send(new CreateMeshCommand({ meshName: 'tampered' }))), 'InvalidSignatureException 403');
  });
});

describe('boto3', () => {
  const script = String.raw`
import json, sys, boto3, botocore
from botocore.config import Config
url, skewed, proxy, key, secret, wrong, unknown = sys.argv[1:]
cfg = Config(retries={'max_attempts': 1, 'mode': 'standard'})
def client(u=url, k=key, s=secret, **extra):
    return boto3.client('appmesh', endpoint_url=u, region_name='us-west-2', aws_access_key_id=k, aws_secret_access_key=s, config=cfg.merge(Config(**extra)))
def step(name, fn):
    try:
        fn(); print(json.dumps([name, 'ok']))
    except botocore.exceptions.ClientError as e:
        print(json.dumps([name, e.response['Error']['Code'] + ' ' + str(e.response['ResponseMetadata']['HTTPStatusCode'])]))
step('signed', lambda: client().create_mesh(meshName='boto-made'))
step('unsigned', lambda: client(signature_version=botocore.UNSIGNED).list_meshes())
step('unknown-key', lambda: client(k=unknown).list_meshes())
step('wrong-secret', lambda: client(s=wrong).list_meshes())
step('stale', lambda: client(u=skewed).list_meshes())
step('tampered', lambda: client(u=proxy).create_mesh(meshName='tampered'))
`;
  test('signed it works; unsigned, unknown key, wrong secret, stale and tampered raise the right codes with 403', async () => {
    const r = await run('python3', ['-c', script, server.url, skewed.url, proxy.url, TEST_ACCESS_KEY_ID, TEST_SECRET_ACCESS_KEY, WRONG, UNKNOWN]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.fromEntries(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as [string, string])), {
      signed: 'ok',
      unsigned: 'MissingAuthenticationTokenException 403',
      'unknown-key': 'UnrecognizedClientException 403',
      'wrong-secret': 'InvalidSignatureException 403',
      stale: 'InvalidSignatureException 403',
      tampered: 'InvalidSignatureException 403',
    });
  });
});

test('nothing refused was created, and no request produced a 500', async () => {
  const names = ((await server.client.send(new ListMeshesCommand({}))).meshes ?? []).map((m) => m.meshName);
  assert.deepEqual(names.sort(), ['boto-made', 'cli-made']);
  assert.deepEqual([...server.errors, ...skewed.errors], []);
});
