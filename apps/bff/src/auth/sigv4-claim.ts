// Reads what a SigV4-signed request claims (key, scope, date, signed headers, signature) from its
// Authorization header or, for a presigned URL, its X-Amz-* query parameters. No crypto here.
import type { SigV4FailureCode } from './errors';

export interface SignatureClaim {
  form: 'header' | 'query';
  accessKeyId: string;
  scope: { date: string; region: string; service: string };
  /** Lower-case header names, as the client listed them. */
  signedHeaders: string[];
  /** 64 lower-case hex digits. */
  signature: string;
  /** x-amz-date / X-Amz-Date as sent: YYYYMMDDTHHMMSSZ. */
  amzDate: string;
  signingDate: Date;
  /** X-Amz-Expires of a presigned URL, in seconds. */
  expiresSeconds?: number;
}

export type Failure = { ok: false; code: SigV4FailureCode; message: string };
export const fail = (code: SigV4FailureCode, message: string): Failure => ({ ok: false, code, message });
const incomplete = (message: string) => fail('IncompleteSignatureException', message);

export type Query = Record<string, string | string[]>;
/** The query parameters that carry a presigned URL's signature, not part of what it signs. */
export const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

const single = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? (v.length === 1 ? v[0] : undefined) : v);

/** AWS's ISO 8601 basic form; anything else (or a date that does not exist) is undefined. */
export function parseAmzDate(text: string): Date | undefined {
  // Clients sign to the second, so consecutive requests mostly carry the same date: parsed once.
  if (text === lastDate.text) return lastDate.date;
  const date = parseDate(text);
  lastDate = { text, date };
  return date;
}
let lastDate: { text: string; date: Date | undefined } = { text: '', date: undefined };

function parseDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== iso.slice(0, 19) ? undefined : date;
}

function credentialScope(credential: string): Pick<SignatureClaim, 'accessKeyId' | 'scope'> | Failure {
  const parts = credential.split('/');
  const [accessKeyId, date, region, service, terminator] = parts;
  if (parts.length !== 5 || !accessKeyId || !date || !region || !service || terminator !== 'aws4_request') {
    return incomplete(`Credential must be ACCESS_KEY_ID/YYYYMMDD/REGION/SERVICE/aws4_request, not '${credential}'`);
  }
  return { accessKeyId, scope: { date, region, service } };
}

function assemble(form: SignatureClaim['form'], fields: ClaimFields, dateSource: string): SignatureClaim | Failure {
  const { Credential, SignedHeaders, Signature } = fields;
  if (!Credential || !SignedHeaders || !Signature) return incomplete(missingFields(form, fields));
  const cred = credentialScope(Credential);
  if ('ok' in cred) return cred;
  if (!hexSignature.test(Signature)) return incomplete('Signature must be 64 lower-case hex digits (HMAC-SHA256)');
  const signedHeaders = SignedHeaders.split(';');
  for (const h of signedHeaders) {
    if (!headerName.test(h)) return incomplete(`SignedHeaders must be lower-case header names separated by ';', not '${SignedHeaders}'`);
  }
  const amzDate = fields['X-Amz-Date'];
  if (!amzDate) return incomplete(`${form === 'header' ? "Authorization header requires existence of an 'X-Amz-Date' header" : "presigned URL requires query parameter 'X-Amz-Date'"}`);
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) return incomplete(`${dateSource} must be an ISO 8601 basic date like 20261201T120000Z, not '${amzDate}'`);
  return { form, accessKeyId: cred.accessKeyId, scope: cred.scope, signedHeaders, signature: Signature, amzDate, signingDate };
}

type ClaimFields = Record<'Credential' | 'SignedHeaders' | 'Signature' | 'X-Amz-Date', string | undefined>;
const CLAIM_FIELDS = ['Credential', 'SignedHeaders', 'Signature'] as const;
const hexSignature = /^[0-9a-f]{64}$/;
const headerName = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/** Which of the three fields a claim lacks, as AWS words it. */
function missingFields(form: SignatureClaim['form'], fields: ClaimFields): string {
  const where = form === 'header' ? "Authorization header requires '" : "presigned URL requires query parameter 'X-Amz-";
  return CLAIM_FIELDS.filter((k) => !fields[k])
    .map((k) => `${where}${k}'`)
    .join('. ');
}

const sigV4Scheme = /^AWS4-HMAC-SHA256\s+/;

/** The claim in `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`. */
export function headerClaim(authorization: string, amzDate: string | undefined): SignatureClaim | Failure {
  const text = authorization.trim();
  const scheme = sigV4Scheme.exec(text);
  // trim() leaves no white space at the end, so anything after the scheme's white space is a part.
  if (!scheme || scheme[0].length === text.length) return incomplete("Authorization header must use AWS Signature Version 4: 'AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...'");
  // A part named twice counts with its last value.
  const fields: ClaimFields = { Credential: undefined, SignedHeaders: undefined, Signature: undefined, 'X-Amz-Date': amzDate };
  for (const part of text.slice(scheme[0].length).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return incomplete(`Authorization header has a part that is not key=value: '${part.trim()}'`);
    const name = part.slice(0, eq).trim();
    if (name === 'Credential' || name === 'SignedHeaders' || name === 'Signature') fields[name] = part.slice(eq + 1).trim();
  }
  return assemble('header', fields, 'x-amz-date');
}

/** The claim of a presigned URL (X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=...). */
export function queryClaim(query: Query): SignatureClaim | Failure {
  const get = (k: string) => single(query[k]);
  if (get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return incomplete("presigned URL requires X-Amz-Algorithm=AWS4-HMAC-SHA256");
  const claim = assemble('query', { Credential: get('X-Amz-Credential'), SignedHeaders: get('X-Amz-SignedHeaders'), Signature: get('X-Amz-Signature'), 'X-Amz-Date': get('X-Amz-Date') }, 'X-Amz-Date');
  if ('ok' in claim) return claim;
  const expires = get('X-Amz-Expires') ?? '';
  if (!/^\d{1,6}$/.test(expires) || Number(expires) < 1 || Number(expires) > 604800) {
    return incomplete(`X-Amz-Expires must be a number of seconds from 1 to 604800 (one week), not '${expires}'`);
  }
  return { ...claim, expiresSeconds: Number(expires) };
}

/** Splits a raw query string into decoded parameters (repeated ones as arrays), as the signer reads them. */
export function parseQuery(raw: string): { ok: true; query: Query } | Failure {
  const query: Query = {};
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    } catch {
      return fail('InvalidSignatureException', `the query string is not valid percent-encoding: '${pair}'`);
    }
    const prev = query[key];
    query[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return { ok: true, query };
}
