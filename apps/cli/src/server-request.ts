// Requests from the CLI to a meshwright server, signed with AWS Signature V4 like the AWS CLI signs
// them: credentials from the standard chain (AWS_ACCESS_KEY_ID/SECRET, AWS_PROFILE with
// AWS_SHARED_CREDENTIALS_FILE, ...), region from AWS_REGION (the server's region; us-west-2 by default).
import { createHash, createHmac } from 'node:crypto';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { SignatureV4 } from '@smithy/signature-v4';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data) => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d));

/** node:crypto's SHA-256 in the shape the signer takes. */
class Sha256 {
  private readonly hash;
  constructor(secret?: Data) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: Data): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

const region = () => process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-west-2';

function queryOf(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    query[decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq))] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
  }
  return query;
}

/** fetch, signed for service appmesh. Only string bodies (JSON) are sent. */
export async function signedFetch(target: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const url = new URL(target);
  const signer = new SignatureV4({ credentials: defaultProvider(), region: region(), service: 'appmesh', sha256: Sha256 });
  const signed = await signer.sign({
    method: init.method ?? 'GET',
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query: queryOf(url.search),
    headers: { host: url.host, ...init.headers },
    body: init.body,
  });
  const { host: _host, ...headers } = signed.headers;
  return fetch(url, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: init.body }) });
}
