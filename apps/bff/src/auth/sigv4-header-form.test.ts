// verifySigV4 computes the Authorization-header form itself (canonical request from the SDK's own
// signer, hashing and the cached signing key here). Requests signed by the SDK's signer with the
// shapes that canonicalisation is picky about must pass, and any change to what was signed must not.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import { signedHeaders, type Credentials } from '../../../../testkit/sign';
import { NodeSha256 } from './sha256';
import { verifySigV4, verifySigV4Now, type SignedRequest } from './sigv4';

const alice: Credentials = { accessKeyId: 'AKIDALICEHEADERFORM', secretAccessKey: 'alice/secret+with=chars' };
const bob: Credentials = { accessKeyId: 'AKIDBOBHEADERFORM00', secretAccessKey: 'bob-secret-0123456789' };
const secrets = new Map([alice, bob].map((c) => [c.accessKeyId, c.secretAccessKey]));

interface Shape {
  name: string;
  method: string;
  /** The path and query as they go on the wire. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
  /** Signed without x-amz-content-sha256, as the AWS CLI and boto3 sign: the body's hash is in the canonical request. */
  bodyHashInSignature?: boolean;
}

const shapes: Shape[] = [
  { name: 'plain describe', method: 'GET', target: '/v20190125/meshes/shop/virtualNodes/blue' },
  { name: 'encoded name', method: 'GET', target: "/v20190125/meshes/shop/virtualNodes/sp%20ace%2B%25%C3%BC%3A~*'!()" },
  { name: 'query with repeats and encodings', method: 'GET', target: '/v20190125/meshes/shop/virtualNodes?limit=5&nextToken=a%2Bb%2Fc%3Dd%20e%26f&z=2&z=1' },
  { name: 'dot segments', method: 'GET', target: '/v20190125/meshes/./shop/../shop/virtualNodes' },
  { name: 'header values with runs of spaces and tabs', method: 'GET', target: '/v20190125/meshes', headers: { 'x-custom': '  a \t b   c  ', 'user-agent': 'aws-cli/2 x' } },
  { name: 'JSON body', method: 'PUT', target: '/v20190125/meshes', headers: { 'content-type': 'application/json' }, body: '{"meshName":"shop","spec":{}}' },
  { name: 'JSON body, hash not declared (CLI, boto3)', method: 'PUT', target: '/v20190125/meshes/shop/virtualNodes', headers: { 'content-type': 'application/json' }, body: '{"virtualNodeName":"blue","spec":{}}', bodyHashInSignature: true },
  { name: 'declared payload hash', method: 'PUT', target: '/v20190125/meshes', headers: { 'content-type': 'application/json', 'x-amz-content-sha256': createHash('sha256').update('{"meshName":"x"}').digest('hex') }, body: '{"meshName":"x"}' },
];

const base = 'http://127.0.0.1:9999';
const now = new Date();

async function signedRequest(creds: Credentials, s: Shape, signingDate = now): Promise<SignedRequest> {
  const url = new URL(`${base}${s.target}`);
  const headers = s.bodyHashInSignature
    ? await signWithoutPayloadHeader(creds, s, url, signingDate)
    : await signedHeaders(creds, { method: s.method, url, ...(s.headers ? { headers: s.headers } : {}), ...(s.body === undefined ? {} : { body: s.body }), signingDate });
  // As Node hands them over: lower-case names; the raw path as sent (URL would normalise it, so keep the target).
  return { method: s.method, url: s.target, headers, body: Buffer.from(s.body ?? '') };
}

async function signWithoutPayloadHeader(creds: Credentials, s: Shape, url: URL, signingDate: Date): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: creds, region: 'us-west-2', service: 'appmesh', sha256: NodeSha256, applyChecksum: false });
  const signed = await signer.sign({ method: s.method, protocol: 'http:', hostname: url.hostname, path: url.pathname, query: {}, headers: { host: url.host, ...s.headers }, body: s.body }, { signingDate });
  assert.equal(signed.headers['x-amz-content-sha256'], undefined);
  return signed.headers;
}

/** verifySigV4's verdict; verifySigV4Now, the fast read path's, must give the same one whenever it gives one. */
async function verify(req: SignedRequest) {
  const verdict = await verifySigV4(req, { region: 'us-west-2', lookupSecret: (id) => secrets.get(id), now: () => now });
  const atOnce = verifySigV4Now(req, { region: 'us-west-2', now: () => now }, (id) => secrets.get(id));
  assert.deepEqual(atOnce, verdict);
  return verdict;
}

for (const s of shapes) {
  test(`${s.name}: signed by the SDK's signer, accepted; the same with one signed part changed, refused`, async () => {
    const req = await signedRequest(alice, s);
    assert.deepEqual(await verify(req), { ok: true, accessKeyId: alice.accessKeyId });
    // Twice more: the second and third use the cached signing key.
    assert.deepEqual(await verify(req), { ok: true, accessKeyId: alice.accessKeyId });
    const otherPath = { ...req, url: req.url.replace('/meshes', '/meshez') };
    assert.equal((await verify(otherPath)).ok, false, 'path changed');
    const otherMethod = { ...req, method: req.method === 'GET' ? 'DELETE' : 'GET' };
    assert.equal((await verify(otherMethod)).ok, false, 'method changed');
    const otherHost = { ...req, headers: { ...req.headers, host: '127.0.0.1:9998' } };
    assert.equal((await verify(otherHost)).ok, false, 'host changed');
    if (s.body !== undefined) {
      assert.equal((await verify({ ...req, body: Buffer.from(`${s.body} `) })).ok, false, 'body changed');
    }
  });
}

test("a signature made with another key's secret under this key's id is refused, also once this key's signing key is cached", async () => {
  const shape = shapes[0] as Shape;
  const good = await signedRequest(alice, shape);
  assert.equal((await verify(good)).ok, true);
  const forged = await signedRequest({ accessKeyId: alice.accessKeyId, secretAccessKey: bob.secretAccessKey }, shape);
  const result = await verify(forged);
  assert.equal(result.ok, false);
  assert.equal(result.ok ? '' : result.code, 'InvalidSignatureException');
});

test('a key whose secret changed is checked against the new secret, not a signing key cached for the old one', async () => {
  const shape = shapes[0] as Shape;
  const creds: Credentials = { accessKeyId: 'AKIDROTATEDHEADER00', secretAccessKey: 'first-secret-abcdef' };
  secrets.set(creds.accessKeyId, creds.secretAccessKey);
  assert.equal((await verify(await signedRequest(creds, shape))).ok, true);
  secrets.set(creds.accessKeyId, 'second-secret-abcdef');
  assert.equal((await verify(await signedRequest(creds, shape))).ok, false, 'signed with the old secret');
  assert.equal((await verify(await signedRequest({ ...creds, secretAccessKey: 'second-secret-abcdef' }, shape))).ok, true);
});

test('a signature from the day before (same instant, other scope date) is verified with that day\'s key', async () => {
  const shape = shapes[0] as Shape;
  const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const justBefore = new Date(midnight.getTime() - 60_000);
  const justAfter = new Date(midnight.getTime() + 60_000);
  for (const at of [justBefore, justAfter]) {
    const req = await signedRequest(bob, shape, at);
    const r = await verifySigV4(req, { region: 'us-west-2', lookupSecret: (id) => secrets.get(id), now: () => midnight });
    assert.deepEqual(r, { ok: true, accessKeyId: bob.accessKeyId }, at.toISOString());
  }
});

test('verifySigV4Now leaves to verifySigV4 what it cannot decide without waiting: a key whose secret is not at hand', async () => {
  const req = await signedRequest(alice, shapes[0] as Shape);
  assert.equal(verifySigV4Now(req, { region: 'us-west-2', now: () => now }, () => undefined), undefined);
  assert.deepEqual(verifySigV4Now({ ...req, headers: { ...req.headers, authorization: undefined } }, { region: 'us-west-2', now: () => now }, () => undefined), {
    ok: false,
    code: 'UnrecognizedClientException',
    message: 'Request is missing Authentication Token',
  });
});
