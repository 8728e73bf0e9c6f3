// Test support: plain HTTP requests to a test server's console and App Mesh endpoints, as a real
// client makes them: signed with SigV4 (the test server's admin key unless told otherwise). Every
// test that is not the SDK or the AWS CLI goes through here.
import { TEST_CREDENTIALS, type TestServer } from './bff';
import { signedHeaders, type Credentials } from './sign';

export type ApiServer = Pick<TestServer, 'url'>;

export interface SignedInit extends RequestInit {
  /** Whose key signs; null sends the request unsigned. */
  signAs?: Credentials | null;
  signingDate?: Date;
}

function bodyBytes(body: RequestInit['body']): string | Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  throw new Error('apiRequest signs string and byte bodies only');
}

/** fetch against the server, path relative to its URL, signed with SigV4. */
export async function apiRequest(server: ApiServer, path: string, init: SignedInit = {}): Promise<Response> {
  const { signAs = TEST_CREDENTIALS, signingDate, ...rest } = init;
  const url = new URL(path, server.url);
  if (signAs === null) return fetch(url, rest);
  const given = Object.fromEntries(new Headers(rest.headers).entries());
  const body = bodyBytes(rest.body);
  const headers = await signedHeaders(signAs, { method: rest.method ?? 'GET', url, headers: given, ...(body === undefined ? {} : { body }), ...(signingDate ? { signingDate } : {}) });
  // fetch sets Host itself (the same value that was signed).
  delete headers.host;
  return fetch(url, { ...rest, headers });
}

/** A JSON request; the body is serialised and Content-Type set. */
export function apiJson(server: ApiServer, method: string, path: string, body?: unknown, init: SignedInit = {}): Promise<Response> {
  const request: SignedInit = { ...init, method };
  if (body !== undefined) {
    request.body = JSON.stringify(body);
    request.headers = { 'content-type': 'application/json', ...Object.fromEntries(new Headers(init.headers).entries()) };
  }
  return apiRequest(server, path, request);
}
