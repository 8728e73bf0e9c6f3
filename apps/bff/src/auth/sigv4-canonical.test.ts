// The directly built canonical request must be the signer's own text, byte for byte, for every shape
// its shortcuts cover and every shape they hand back to the signer's steps.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';
import type { HeaderBag, HttpRequest } from '@smithy/types';
import { NodeSha256 } from './sha256';
import { headerFormCanonicalRequest, type HeaderFormRequest } from './sigv4-canonical';

class Signer extends SignatureV4 {
  canonical(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}
const signer = new Signer({ credentials: { accessKeyId: '', secretAccessKey: '' }, region: 'us-west-2', service: 'appmesh', sha256: NodeSha256, applyChecksum: false });

/** What SignatureV4.sign() canonicalises: its prepareRequest's header copy, getCanonicalHeaders, createCanonicalRequest. */
function signers(req: HeaderFormRequest, signed: string[], amzDate: string, payloadHash: string): string {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (name !== 'authorization' && name !== 'date') headers[name] = value;
  headers['x-amz-date'] = amzDate;
  const canonical = getCanonicalHeaders({ headers } as unknown as HttpRequest, undefined, new Set(signed));
  return signer.canonical({ method: req.method, path: req.path, query: req.query } as HttpRequest, canonical, payloadHash);
}

const amzDate = '20261202T120000Z';
const hash = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const host = { host: '127.0.0.1:8080', 'x-amz-date': amzDate };
const cases: { name: string; req: HeaderFormRequest; signed: string[] }[] = [
  { name: 'plain describe', req: { method: 'GET', path: '/v20190125/meshes/shop/virtualNodes/blue', query: {}, headers: host }, signed: ['host', 'x-amz-date'] },
  { name: 'trailing slash', req: { method: 'GET', path: '/v20190125/meshes/', query: {}, headers: host }, signed: ['host', 'x-amz-date'] },
  { name: 'root', req: { method: 'GET', path: '/', query: {}, headers: host }, signed: ['host', 'x-amz-date'] },
  { name: 'encoded segments', req: { method: 'GET', path: "/v20190125/meshes/sp%20ace%2B%25%C3%BC%3A~*'!()", query: {}, headers: host }, signed: ['host', 'x-amz-date'] },
  { name: 'dot and empty segments', req: { method: 'GET', path: '/v20190125//meshes/./a/../b/.../..', query: {}, headers: host }, signed: ['host', 'x-amz-date'] },
  { name: 'dot at the end', req: { method: 'GET', path: '/v20190125/meshes/.', query: {}, headers: host }, signed: ['host', 'x-amz-date'] },
  { name: 'query with repeats', req: { method: 'GET', path: '/v20190125/meshes', query: { limit: '5', nextToken: 'a+b/c=d e&f', z: ['2', '1'], 'X-Amz-Signature': 'x' }, headers: host }, signed: ['host', 'x-amz-date'] },
  {
    name: 'values with spaces, tabs, line breaks and unicode space',
    req: { method: 'PUT', path: '/v20190125/meshes', query: {}, headers: { ...host, 'x-a': '  a \t b   c  ', 'x-b': 'a\r\nb', 'x-c': '\u00a0x\u00a0', 'x-d': '', 'x-e': 'q', 'content-type': 'application/json' } },
    signed: ['content-type', 'host', 'x-a', 'x-b', 'x-c', 'x-d', 'x-e', 'x-amz-date'],
  },
  { name: 'unsorted and repeated names, authorization and date signed', req: { method: 'GET', path: '/v20190125/meshes', query: {}, headers: { ...host, date: 'Tue', authorization: 'x', 'user-agent': 'aws-cli/2' } }, signed: ['x-amz-date', 'user-agent', 'host', 'date', 'authorization', 'host'] },
];

for (const c of cases) {
  test(`${c.name}: the signer's canonical request`, () => {
    assert.equal(headerFormCanonicalRequest(c.req, c.signed, amzDate, hash), signers(c.req, c.signed, amzDate, hash));
  });
}

test("a header named '__proto__' is left to the signer's own steps", () => {
  assert.equal(headerFormCanonicalRequest({ method: 'GET', path: '/', query: {}, headers: host }, ['host', '__proto__', 'x-amz-date'], amzDate, hash), undefined);
});
