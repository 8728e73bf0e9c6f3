// The canonical request of the Authorization-header form, built directly: the same text as
// @smithy/signature-v4's createCanonicalRequest (its getCanonicalPath with uriEscapePath, its
// getCanonicalQuery and getCanonicalHeaders over the signed headers), without the signer's copies of
// the request and its header map. Plain shapes (every SDK call: an unencoded path, plain header
// values) take no regex replace at all; anything else goes through the signer's own steps.
import { getCanonicalQuery } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import type { Query } from './sigv4-claim';

/** The signer's escapeUri: encodeURIComponent, and the five characters it leaves that RFC 3986 reserves. */
const escapeUri = (text: string) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The signer's getCanonicalPath with uriEscapePath (private there): '.', '..' and empty segments resolved, then escaped. */
function signersCanonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment.length === 0 || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${segments.length > 0 && path.endsWith('/') ? '/' : ''}`;
  return escapeUri(normalized).replace(/%2F/g, '/');
}

// Characters encodeURIComponent keeps and escapeUri does not re-encode; '/' comes back as itself.
const plainPath = /^(?:\/[A-Za-z0-9\-_.~]+)+\/?$|^\/$/;
const dotSegment = /\/\.\.?(?:\/|$)/;

/** AWS's canonical URI outside S3: segments normalised, then the path URI-encoded once more. */
export function canonicalPath(path: string): string {
  // A path of plain segments, none empty and none '.' or '..', is its own normalisation and encoding.
  if (plainPath.test(path) && !dotSegment.test(path)) return path;
  return signersCanonicalPath(path);
}

const plainValue = /^[^\s](?:[^\t\r\n]*[^\s])?$/;
const doubleSpace = / {2}/;
/** The signer's trim of a header value: CR and LF become spaces, runs of spaces and tabs one space, no space at either end. */
function canonicalValue(value: string): string {
  if (plainValue.test(value) && !doubleSpace.test(value)) return value;
  return value.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').replace(/^ | $/g, '');
}

export interface HeaderFormRequest {
  method: string;
  path: string;
  query: Query;
  /** The signed headers' values (lower-case names), as they arrived. */
  headers: Record<string, string>;
}

/**
 * The canonical request SignatureV4.sign() hashes for `req`, signed with `signedHeaders` at
 * `amzDate`; undefined for a header name the signer treats specially ('__proto__'), left to it.
 */
export function headerFormCanonicalRequest(req: HeaderFormRequest, signedHeaders: readonly string[], amzDate: string, payloadHash: string): string | undefined {
  const sorted = alreadyCanonical(req, signedHeaders) ? signedHeaders : canonicalNames(req, signedHeaders);
  if (sorted === undefined) return undefined;
  let headerLines = '';
  for (const name of sorted) headerLines += `${name}:${name === 'x-amz-date' ? amzDate : canonicalValue(req.headers[name] ?? '')}\n`;
  const query = hasAny(req.query) ? getCanonicalQuery({ query: req.query } as unknown as HttpRequest) : '';
  return `${req.method}\n${canonicalPath(req.path)}\n${query}\n${headerLines}\n${sorted.join(';')}\n${payloadHash}`;
}

/** As the signer's prepareRequest: the headers it generates itself are dropped, x-amz-date is its own; sorted, once each. */
function canonicalNames(req: HeaderFormRequest, signedHeaders: readonly string[]): string[] | undefined {
  const names = new Set<string>();
  for (const name of signedHeaders) {
    if (name === '__proto__') return undefined;
    if (name !== 'authorization' && name !== 'date' && req.headers[name] !== undefined) names.add(name);
  }
  names.add('x-amz-date');
  return [...names].sort();
}

/** Whether canonicalNames would give `signedHeaders` back as they are: sorted, none repeated, none dropped, x-amz-date among them (every SDK's list). */
function alreadyCanonical(req: HeaderFormRequest, signedHeaders: readonly string[]): boolean {
  let previous = '';
  let amzDate = false;
  for (const name of signedHeaders) {
    // Strictly ascending (the order sort() gives): no repeats.
    if (name <= previous || name === '__proto__' || name === 'authorization' || name === 'date' || req.headers[name] === undefined) return false;
    if (name === 'x-amz-date') amzDate = true;
    previous = name;
  }
  return amzDate;
}

function hasAny(query: Query): boolean {
  for (const key in query) if (Object.hasOwn(query, key)) return true;
  return false;
}
