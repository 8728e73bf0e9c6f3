// The verifier's answers to malformed and mis-scoped claims, which real clients never send but a
// hostile caller does: each gets the App Mesh exception and a message naming what is wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from './sha256';
import { verifySigV4, type SignedRequest, type SigV4Options } from './sigv4';

const KEY = 'AKIDCLAIMTEST';
const SECRET = 'claim-secret';
const NOW = new Date('2026-12-01T12:00:00Z');
const options: SigV4Options = { region: 'us-west-2', lookupSecret: (id) => (id === KEY ? SECRET : undefined), now: () => NOW };

async function signedRequest(region = 'us-west-2', service = 'appmesh'): Promise<SignedRequest> {
  const signer = new SignatureV4({ credentials: { accessKeyId: KEY, secretAccessKey: SECRET }, region, service, sha256: NodeSha256 });
  const out = await signer.sign({ method: 'GET', protocol: 'http:', hostname: 'h', path: '/v20190125/meshes', query: {}, headers: { host: 'h:8080', 'x-custom': 'v' } }, { signingDate: NOW });
  return { method: 'GET', url: '/v20190125/meshes', headers: Object.fromEntries(Object.entries(out.headers).map(([k, v]) => [k.toLowerCase(), v])), body: new Uint8Array() };
}
const withHeaders = (req: SignedRequest, headers: Record<string, string | undefined>): SignedRequest => ({ ...req, headers: { ...req.headers, ...headers } });
async function refusal(req: SignedRequest): Promise<string> {
  const r = await verifySigV4(req, options);
  return r.ok ? 'accepted' : `${r.code}: ${r.message}`;
}

test('a correctly signed request passes, and the same request with a changed signed header does not', async () => {
  const req = await signedRequest();
  assert.deepEqual(await verifySigV4(req, options), { ok: true, accessKeyId: KEY });
  assert.match(await refusal(withHeaders(req, { 'x-custom': 'w' })), /^InvalidSignatureException: The request signature we calculated/);
  assert.match(await refusal(withHeaders(req, { 'x-custom': undefined })), /^IncompleteSignatureException: signed header 'x-custom' is not in the request/);
});

test('a bearer token, garbage and missing parts are IncompleteSignatureException naming the problem', async () => {
  const req = await signedRequest();
  assert.match(await refusal(withHeaders(req, { authorization: 'Bearer nonsense' })), /^IncompleteSignatureException: Authorization header must use AWS Signature Version 4/);
  assert.match(await refusal(withHeaders(req, { authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20261201/us-west-2/appmesh/aws4_request' })), /requires 'SignedHeaders'\. .*requires 'Signature'/);
  assert.match(await refusal(withHeaders(req, { authorization: String(req.headers.authorization).replace(/Credential=[^,]+/, 'Credential=AKID') })), /Credential must be ACCESS_KEY_ID\/YYYYMMDD\/REGION\/SERVICE\/aws4_request/);
  assert.match(await refusal(withHeaders(req, { 'x-amz-date': undefined })), /requires existence of an 'X-Amz-Date' header/);
  assert.match(await refusal(withHeaders(req, { 'x-amz-date': '2026-12-01T12:00:00Z' })), /x-amz-date must be an ISO 8601 basic date/);
});

test('another region, another service and an unsigned host are refused', async () => {
  assert.match(await refusal(await signedRequest('eu-west-1')), /^InvalidSignatureException: Credential should be scoped to a valid region, 'us-west-2', not 'eu-west-1'/);
  assert.match(await refusal(await signedRequest('us-west-2', 's3')), /^InvalidSignatureException: Credential should be scoped to correct service: 'appmesh'/);
  const req = await signedRequest();
  const noHost = String(req.headers.authorization).replace('SignedHeaders=host;', 'SignedHeaders=');
  assert.match(await refusal(withHeaders(req, { authorization: noHost })), /^IncompleteSignatureException: 'host' must be a SignedHeader/);
});

test('no credentials at all and an unknown key are UnrecognizedClientException', async () => {
  const req = await signedRequest();
  assert.match(await refusal(withHeaders(req, { authorization: undefined })), /^UnrecognizedClientException: Request is missing Authentication Token/);
  const other = String(req.headers.authorization).replace(KEY, 'AKIDOTHER');
  assert.match(await refusal(withHeaders(req, { authorization: other })), /^UnrecognizedClientException: The security token included in the request is invalid/);
});
