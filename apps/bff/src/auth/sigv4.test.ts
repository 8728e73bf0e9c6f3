// The SigV4 verifier against requests the real clients sign: the AWS CLI, SDK v3 and boto3 reach a
// capture server that verifies each request as it arrived. Signed calls pass (query strings, names
// that need encoding, empty and JSON bodies, a presigned URL); unsigned, wrong-secret, stale,
// tampered and unknown-key calls are refused with the exception the client then raises.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppMeshClient, CreateMeshCommand, DeleteMeshCommand, DescribeMeshCommand, ListMeshesCommand, UpdateMeshCommand } from '@aws-sdk/client-app-mesh';
import { startCaptureServer, startTamperingProxy, type CaptureServer } from './capture-server';

const KEY = 'AKIDMESHWRIGHTSIGV4';
const SECRET = 'mw-secret/with+chars=';
const REGION = 'us-west-2';
/** Names App Mesh allows that need percent-encoding (and that encoders disagree on: !'()*~). */
const PLAIN = 'a.b_c-d';
const ODD = "sp ace+%ü:~*'!()";
const TOKEN = 'a+b/c=d e&f';

let server: CaptureServer;
let dir: string;

before(async () => {
  server = await startCaptureServer({ region: REGION, lookupSecret: (id) => (id === KEY ? SECRET : undefined) });
  dir = mkdtempSync(join(tmpdir(), 'mw-sigv4-'));
});
after(async () => {
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The verdict the server reached on the last request, and how many requests it saw. */
const last = () => {
  const r = server.requests.at(-1);
  assert.ok(r, 'the server saw no request');
  return r;
};
const okVerdict = () => assert.deepEqual(last().result, { ok: true, accessKeyId: KEY }, `refused ${last().method} ${last().url}`);
const verdict = () => {
  const { result } = last();
  return result.ok ? { code: 'accepted', message: '' } : result;
};
const refusedAs = (code: string) => assert.equal(verdict().code, code);

function run(cmd: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const base = { PATH: process.env.PATH ?? '', HOME: dir, AWS_CONFIG_FILE: join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' };
    execFile(cmd, args, { env: { ...base, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('AWS CLI', () => {
  const aws = (args: string[], key = KEY, secret = SECRET) =>
    run('aws', ['appmesh', ...args, '--endpoint-url', server.url, '--region', REGION, '--output', 'json'], { AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: secret });
  const ok = async (args: string[]) => {
    const r = await aws(args);
    assert.equal(r.code, 0, r.stderr);
    okVerdict();
  };
  const refused = async (exception: string, args: string[], key?: string, secret?: string) => {
    const r = await aws(args, key, secret);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, new RegExp(`\\(${exception}\\)`));
    refusedAs(exception);
  };

  test('signed calls pass: a query string, encoded names, empty and JSON bodies', async () => {
    await ok(['list-meshes', '--no-paginate', '--limit', '2', '--next-token', TOKEN]);
    assert.match(last().url, /[?&]limit=2/);
    await ok(['describe-mesh', '--mesh-name', PLAIN]);
    await ok(['describe-mesh', '--mesh-name', ODD]);
    assert.match(last().url, /sp%20ace%2B%25%C3%BC/);
    await ok(['delete-mesh', '--mesh-name', ODD]);
    await ok(['create-mesh', '--mesh-name', ODD, '--spec', '{"egressFilter":{"type":"ALLOW_ALL"}}']);
    assert.match(last().body, /ALLOW_ALL/);
  });

  test('unsigned, wrong secret and unknown key are refused', async () => {
    await refused('UnrecognizedClientException', ['list-meshes', '--no-sign-request']);
    await refused('InvalidSignatureException', ['list-meshes'], KEY, 'wrong-secret');
    await refused('UnrecognizedClientException', ['describe-mesh', '--mesh-name', PLAIN], 'AKIDNOSUCHKEY', SECRET);
  });
});

describe('AWS SDK v3', () => {
  const client = (extra: Partial<ConstructorParameters<typeof AppMeshClient>[0]> = {}) =>
    new AppMeshClient({ endpoint: server.url, region: REGION, credentials: { accessKeyId: KEY, secretAccessKey: SECRET }, maxAttempts: 1, ...extra });
  const errorName = async (p: Promise<unknown>) => p.then(() => 'no error', (e: unknown) => (e instanceof Error ? e.name : String(e)));

  test('signed calls pass: a query string, encoded names, empty and JSON bodies', async () => {
    const c = client();
    await c.send(new ListMeshesCommand({ limit: 3, nextToken: TOKEN }));
    okVerdict();
    assert.match(last().url, /nextToken=a%2Bb%2Fc%3Dd%20e%26f/);
    await c.send(new DescribeMeshCommand({ meshName: PLAIN }));
    okVerdict();
    await c.send(new DescribeMeshCommand({ meshName: ODD }));
    okVerdict();
    await c.send(new DeleteMeshCommand({ meshName: ODD }));
    okVerdict();
    await c.send(new CreateMeshCommand({ meshName: ODD, spec: { egressFilter: { type: 'DROP_ALL' } }, clientToken: 'tok-1' }));
    okVerdict();
    await c.send(new UpdateMeshCommand({ meshName: ODD, spec: { egressFilter: { type: 'ALLOW_ALL' } }, clientToken: 'tok-2' }));
    okVerdict();
    assert.match(last().body, /ALLOW_ALL/);
  });

  test('unsigned, wrong secret, unknown key, a clock 20 minutes off and a tampered body are refused', async () => {
    const unsigned = client({ signer: { sign: (r) => Promise.resolve(r) } });
    assert.equal(await errorName(unsigned.send(new ListMeshesCommand({}))), 'UnrecognizedClientException');
    refusedAs('UnrecognizedClientException');
    assert.equal(await errorName(client({ credentials: { accessKeyId: KEY, secretAccessKey: 'wrong' } }).send(new ListMeshesCommand({}))), 'InvalidSignatureException');
    refusedAs('InvalidSignatureException');
    assert.equal(await errorName(client({ credentials: { accessKeyId: 'AKIDNOSUCHKEY', secretAccessKey: SECRET } }).send(new ListMeshesCommand({}))), 'UnrecognizedClientException');
    refusedAs('UnrecognizedClientException');
    for (const offset of [-20, 20]) {
      assert.equal(await errorName(client({ systemClockOffset: offset * 60_000 }).send(new ListMeshesCommand({}))), 'InvalidSignatureException');
      refusedAs('InvalidSignatureException');
      assert.match(verdict().message, offset < 0 ? /Signature expired/ : /Signature not yet current/);
    }
    const proxy = await startTamperingProxy(server.url);
    try {
      const viaProxy = client({ endpoint: proxy.url });
      assert.equal(await errorName(viaProxy.send(new CreateMeshCommand({ meshName: PLAIN, clientToken: 'tok-3' }))), 'InvalidSignatureException');
      refusedAs('InvalidSignatureException');
    } finally {
      await proxy.close();
    }
  });

  test('a skewed client that may retry corrects its clock from the refusal and then passes', async () => {
    await client({ systemClockOffset: -20 * 60_000, maxAttempts: 2 }).send(new ListMeshesCommand({}));
    okVerdict();
  });
});

describe('boto3', () => {
  // Each step prints the error code boto3 raised, or "ok"; a presigned URL is printed for Node to fetch.
  const script = String.raw`
import json, sys, boto3, botocore
from botocore.config import Config
url, key, secret, plain, odd, token = sys.argv[1:]
cfg = Config(retries={'max_attempts': 1, 'mode': 'standard'})
def client(k=key, s=secret, **extra):
    return boto3.client('appmesh', endpoint_url=url, region_name='us-west-2', aws_access_key_id=k, aws_secret_access_key=s, config=cfg.merge(Config(**extra)))
def step(name, fn):
    try:
        fn(); print(json.dumps([name, 'ok']))
    except botocore.exceptions.ClientError as e:
        print(json.dumps([name, e.response['Error']['Code']]))
    sys.stdout.flush()
c = client()
step('list', lambda: c.list_meshes(limit=2, nextToken=token))
step('describe-plain', lambda: c.describe_mesh(meshName=plain))
step('describe-odd', lambda: c.describe_mesh(meshName=odd))
step('delete-odd', lambda: c.delete_mesh(meshName=odd))
step('create-odd', lambda: c.create_mesh(meshName=odd, spec={'egressFilter': {'type': 'ALLOW_ALL'}}))
step('unsigned', lambda: client(signature_version=botocore.UNSIGNED).list_meshes())
step('wrong-secret', lambda: client(s='wrong').list_meshes())
step('unknown-key', lambda: client(k='AKIDNOSUCHKEY').list_meshes())
print(json.dumps(['presigned', c.generate_presigned_url('list_meshes', Params={'limit': 4}, ExpiresIn=300)]))
`;

  test('signed calls pass and unsigned, wrong-secret and unknown-key calls raise the right error codes', async () => {
    const r = await run('python3', ['-c', script, server.url, KEY, SECRET, PLAIN, ODD, TOKEN], {});
    assert.equal(r.code, 0, r.stderr);
    const steps = new Map(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as [string, string]));
    assert.deepEqual(
      Object.fromEntries([...steps].filter(([k]) => k !== 'presigned')),
      { list: 'ok', 'describe-plain': 'ok', 'describe-odd': 'ok', 'delete-odd': 'ok', 'create-odd': 'ok', unsigned: 'UnrecognizedClientException', 'wrong-secret': 'InvalidSignatureException', 'unknown-key': 'UnrecognizedClientException' },
    );
    const presigned = steps.get('presigned') ?? '';
    assert.match(presigned, /X-Amz-Signature=/);
    const res = await fetch(presigned);
    assert.equal(res.status, 200);
    okVerdict();
    const tampered = await fetch(presigned.replace('limit=4', 'limit=5'));
    assert.equal(tampered.headers.get('x-amzn-errortype'), 'InvalidSignatureException');
  });
});
