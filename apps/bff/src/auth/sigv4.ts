// Verifies AWS Signature Version 4 the way AWS does for a non-S3 service, so the AWS CLI, SDKs and
// boto3 work unchanged. The canonical request is @smithy/signature-v4's (the signer the AWS SDK itself
// uses) for the request exactly as it arrived (raw path, so the canonical URI is the wire path encoded
// once more, as AWS does outside S3). For the Authorization-header form (every SDK call) it is built in
// sigv4-canonical.ts and the two hashes and the HMAC are done here, synchronously, with the derived
// signing key cached per key, day, region and service (verifySigV4Now: no promise at all when the
// key's secret is at hand); presigned URLs go through the signer itself.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { getCanonicalHeaders, SignatureV4 } from '@smithy/signature-v4';
import type { HeaderBag, HttpRequest } from '@smithy/types';
import { fail, headerClaim, parseQuery, PRESIGN_PARAMS, queryClaim, type Failure, type Query, type SignatureClaim } from './sigv4-claim';
import { hmacKey, hmacSha256, NodeSha256, sha256Hex, type HmacKey } from './sha256';
import { headerFormCanonicalRequest } from './sigv4-canonical';

/** A request as it arrived: `url` is the path and query exactly as on the wire (Node's `req.url`). */
export interface SignedRequest {
  method: string;
  url: string;
  /** Lower-case names; repeated headers as arrays (Node's `req.headersDistinct`). */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export interface SigV4Options {
  /** The region clients sign for (AWS_REGION). */
  region: string;
  /** The signing service name: App Mesh's is `appmesh`. */
  service?: string;
  /** The secret of an access key, or undefined when no such key exists. */
  lookupSecret: (accessKeyId: string) => string | undefined | Promise<string | undefined>;
  /** The server clock. */
  now?: () => Date;
  /** How far x-amz-date may be from the server clock; AWS allows 15 minutes. */
  maxSkewMs?: number;
}

export type SigV4Result = { ok: true; accessKeyId: string } | Failure;

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const amz = (d: Date) => d.toISOString().replace(/[-:]|\.\d{3}/g, '');
const headerValue = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(',') : v);

function claimOf(req: SignedRequest, query: Query): SignatureClaim | Failure | undefined {
  const authorization = headerValue(req.headers.authorization);
  if (authorization !== undefined) return headerClaim(authorization, headerValue(req.headers['x-amz-date']));
  if (query['X-Amz-Signature'] !== undefined || query['X-Amz-Credential'] !== undefined || query['X-Amz-Algorithm'] !== undefined) return queryClaim(query);
  return undefined;
}

/** AWS's own wording, so a client's logs read the same as against App Mesh. */
function clockProblem(claim: SignatureClaim, now: Date, maxSkewMs: number): string | undefined {
  const at = claim.signingDate.getTime();
  if (at > now.getTime() + maxSkewMs) {
    return `Signature not yet current: ${claim.amzDate} is still later than ${amz(new Date(now.getTime() + maxSkewMs))} (${amz(now)} + ${maxSkewMs / 60000} min.)`;
  }
  const oldest = claim.expiresSeconds === undefined ? now.getTime() - maxSkewMs : now.getTime() - claim.expiresSeconds * 1000;
  if (at < oldest) {
    return claim.expiresSeconds === undefined
      ? `Signature expired: ${claim.amzDate} is now earlier than ${amz(new Date(oldest))} (${amz(now)} - ${maxSkewMs / 60000} min.)`
      : `Signature expired: the presigned URL of ${claim.amzDate} was valid for ${claim.expiresSeconds} s`;
  }
  return undefined;
}

function scopeProblem(claim: SignatureClaim, region: string, service: string): string | undefined {
  if (claim.scope.service !== service) return `Credential should be scoped to correct service: '${service}'.`;
  if (claim.scope.region !== region) return `Credential should be scoped to a valid region, '${region}', not '${claim.scope.region}'.`;
  if (claim.scope.date !== claim.amzDate.slice(0, 8)) {
    return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${claim.scope.date}' != '${claim.amzDate.slice(0, 8)}', from '${claim.amzDate}'.`;
  }
  return undefined;
}

const MISMATCH = 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

type Checked = { claim: SignatureClaim; unsigned: Unsigned; service: string };

/** Everything before the secret is needed: the claim read, its scope, signed headers and clock checked. */
function check(req: SignedRequest, options: Omit<SigV4Options, 'lookupSecret'>): Checked | Failure {
  const service = options.service ?? 'appmesh';
  const qAt = req.url.indexOf('?');
  const path = qAt < 0 ? req.url : req.url.slice(0, qAt);
  const parsed = parseQuery(qAt < 0 ? '' : req.url.slice(qAt + 1));
  if (!parsed.ok) return parsed;
  const { query } = parsed;
  const claim = claimOf(req, query);
  if (!claim) return fail('UnrecognizedClientException', 'Request is missing Authentication Token');
  if ('ok' in claim) return claim;

  const scope = scopeProblem(claim, options.region, service);
  if (scope) return fail('InvalidSignatureException', scope);
  for (const required of claim.form === 'header' ? HEADER_FORM_REQUIRED : QUERY_FORM_REQUIRED) {
    if (!claim.signedHeaders.includes(required)) return fail('IncompleteSignatureException', `'${required}' must be a SignedHeader in the AWS Authorization.`);
  }
  const headers: Record<string, string> = {};
  for (const name of claim.signedHeaders) {
    const value = headerValue(req.headers[name]);
    if (value === undefined) return fail('IncompleteSignatureException', `signed header '${name}' is not in the request`);
    headers[name] = value;
  }
  const clock = clockProblem(claim, options.now?.() ?? new Date(), options.maxSkewMs ?? FIFTEEN_MINUTES);
  if (clock) return fail('InvalidSignatureException', clock);
  return { claim, unsigned: { method: req.method, path, query, headers, body: req.body }, service };
}

const HEADER_FORM_REQUIRED = ['host', 'x-amz-date'];
const QUERY_FORM_REQUIRED = ['host'];

const unknownKey = () => fail('UnrecognizedClientException', 'The security token included in the request is invalid.');

/** The signature the client sent against the one its key's secret makes. */
function compare(claim: SignatureClaim, expected: string | undefined): SigV4Result {
  const same = expected !== undefined && timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(claim.signature, 'hex'));
  return same ? { ok: true, accessKeyId: claim.accessKeyId } : fail('InvalidSignatureException', MISMATCH);
}

/** Where the claimed signature is decoded to be compared; used synchronously only. */
const claimed = Buffer.alloc(32);
/** compare() for a MAC at hand as bytes: the claim's signature was checked to be 64 hex digits. */
function compareDigest(claim: SignatureClaim, expected: Buffer): SigV4Result {
  const same = claimed.write(claim.signature, 'hex') === 32 && timingSafeEqual(expected, claimed);
  return same ? { ok: true, accessKeyId: claim.accessKeyId } : fail('InvalidSignatureException', MISMATCH);
}

/** The signer trusts x-amz-content-sha256 when present; AWS checks it against the body, and so do we. */
function bodyHashProblem(req: SignedRequest): Failure | undefined {
  const declared = headerValue(req.headers['x-amz-content-sha256']);
  if (declared !== undefined && declared !== (req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body))) {
    return fail('InvalidSignatureException', 'The provided x-amz-content-sha256 header does not match what was computed.');
  }
  return undefined;
}

export async function verifySigV4(req: SignedRequest, options: SigV4Options): Promise<SigV4Result> {
  const checked = check(req, options);
  if ('ok' in checked) return checked;
  const secret = await options.lookupSecret(checked.claim.accessKeyId);
  if (secret === undefined) return unknownKey();
  const badBody = bodyHashProblem(req);
  if (badBody) return badBody;
  return compare(checked.claim, await expectedSignature(checked.claim, checked.unsigned, secret, options.region, checked.service));
}

/**
 * verifySigV4's verdict without a promise, for the Authorization-header form when `secretAtHand`
 * knows the key's secret now; undefined when it would have to wait (ask verifySigV4 then).
 */
export function verifySigV4Now(req: SignedRequest, options: Omit<SigV4Options, 'lookupSecret'>, secretAtHand: (accessKeyId: string) => string | undefined): SigV4Result | undefined {
  const checked = check(req, options);
  if ('ok' in checked) return checked;
  if (checked.claim.form !== 'header') return undefined;
  const secret = secretAtHand(checked.claim.accessKeyId);
  if (secret === undefined) return undefined;
  const badBody = bodyHashProblem(req);
  if (badBody) return badBody;
  return compareDigest(checked.claim, headerDigest(checked.claim, checked.unsigned, secret, options.region, checked.service));
}

type Unsigned = { method: string; path: string; query: Query; headers: Record<string, string>; body: Uint8Array };

/** The signature SignatureV4.sign() would put in the Authorization header, as bytes: the same steps without its copies and awaits. */
function headerDigest(claim: SignatureClaim, req: Unsigned, secretAccessKey: string, region: string, service: string): Buffer {
  // The signer's formatDate(signingDate): parseAmzDate accepted amzDate only as that exact round trip.
  const longDate = claim.amzDate;
  const shortDate = longDate.slice(0, 8);
  const payloadHash = req.headers['x-amz-content-sha256'] ?? (req.body.length === 0 ? EMPTY_SHA256 : sha256Hex(req.body));
  const canonicalRequest = headerFormCanonicalRequest(req, claim.signedHeaders, longDate, payloadHash) ?? signersCanonicalRequest(claim, req, payloadHash);
  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${longDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  return hmacSha256(signingKey(claim.accessKeyId, secretAccessKey, shortDate, region, service), stringToSign);
}

/** The same text through the signer's own header handling, for the header names headerFormCanonicalRequest leaves to it. */
function signersCanonicalRequest(claim: SignatureClaim, req: Unsigned, payloadHash: string): string {
  // As the signer's prepareRequest: the headers it generates itself are dropped, x-amz-date is its own.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) if (name !== 'authorization' && name !== 'date') headers[name] = value;
  headers['x-amz-date'] = claim.amzDate;
  const canonical = getCanonicalHeaders({ headers } as unknown as HttpRequest, undefined, new Set(claim.signedHeaders));
  return canonicalSigner.canonicalRequest({ method: req.method, path: req.path, query: req.query } as HttpRequest, canonical, payloadHash);
}

const EMPTY_SHA256 = sha256Hex(new Uint8Array(0));
/** The signer's own canonicalisation (path, query, canonical request text), which reads no credentials. */
class CanonicalSigner extends SignatureV4 {
  canonicalRequest(request: HttpRequest, headers: HeaderBag, payloadHash: string): string {
    return this.createCanonicalRequest(request, headers, payloadHash);
  }
}
const canonicalSigner = new CanonicalSigner({ credentials: { accessKeyId: '', secretAccessKey: '' }, region: '', service: '', sha256: NodeSha256, applyChecksum: false });

/** Derived signing keys: one per key, day, region and service, so a request costs two hashes and one HMAC (two one-shot hashes over the key's padded blocks). */
const signingKeys = new Map<string, { secret: string; key: HmacKey }>();
const signingKeyCacheSize = 1000;
function signingKey(accessKeyId: string, secret: string, shortDate: string, region: string, service: string): HmacKey {
  const id = `${accessKeyId}/${shortDate}/${region}/${service}`;
  const hit = signingKeys.get(id);
  // A key replaced with a new secret under the same id derives afresh.
  if (hit && hit.secret === secret) return hit.key;
  let key = createHmac('sha256', `AWS4${secret}`).update(shortDate).digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  const padded = hmacKey(key);
  signingKeys.delete(id);
  signingKeys.set(id, { secret, key: padded });
  while (signingKeys.size > signingKeyCacheSize) signingKeys.delete(signingKeys.keys().next().value as string);
  return padded;
}

async function expectedSignature(claim: SignatureClaim, req: Unsigned, secretAccessKey: string, region: string, service: string): Promise<string | undefined> {
  if (claim.form === 'header') return headerDigest(claim, req, secretAccessKey, region, service).toString('hex');
  // applyChecksum: false, so the signer adds no x-amz-content-sha256 the client did not sign.
  const signer = new SignatureV4({ credentials: { accessKeyId: claim.accessKeyId, secretAccessKey }, region, service, sha256: NodeSha256, applyChecksum: false });
  const request: HttpRequest = { protocol: 'https:', hostname: headerValueOrEmpty(req.headers.host), ...req };
  const signableHeaders = new Set(claim.signedHeaders);
  const query = { ...req.query };
  for (const p of PRESIGN_PARAMS) delete query[p];
  const presigned = await signer.presign({ ...request, query }, { signingDate: claim.signingDate, expiresIn: claim.expiresSeconds, signableHeaders, unhoistableHeaders: signableHeaders });
  const signature = presigned.query?.['X-Amz-Signature'];
  return typeof signature === 'string' ? signature : undefined;
}

const headerValueOrEmpty = (v: string | undefined) => v ?? '';
