// Test support: signs a plain HTTP request with AWS Signature V4 exactly as the AWS SDK does (the same
// @smithy/signature-v4 signer), so tests that are not the SDK or the CLI still talk to an
// authenticated server the way a real client would.
import { SignatureV4 } from '@smithy/signature-v4';
import { NodeSha256 } from '../apps/bff/src/auth/sha256';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Decoded query parameters as the server reads them (decodeURIComponent; '+' stays '+'). */
function queryOf(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
    const prev = query[key];
    query[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return query;
}

export interface ToSign {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  region?: string;
  /** The signing time (default now): tests of stale signatures pass an old one. */
  signingDate?: Date;
}

/** The headers to send (host included, for raw-socket requests; fetch sets host itself). */
export async function signedHeaders(credentials: Credentials, r: ToSign): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region: r.region ?? 'us-west-2', service: 'appmesh', sha256: NodeSha256 });
  const headers: Record<string, string> = { host: r.url.host };
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = v;
  const signed = await signer.sign(
    {
      method: r.method,
      protocol: r.url.protocol,
      hostname: r.url.hostname,
      ...(r.url.port ? { port: Number(r.url.port) } : {}),
      path: r.url.pathname,
      query: queryOf(r.url.search),
      headers,
      body: r.body,
    },
    r.signingDate ? { signingDate: r.signingDate } : {},
  );
  return signed.headers;
}
