// Test support: plain HTTP requests to a test server's console and App Mesh endpoints, as a real
// client makes them. Every test that is not the SDK or the AWS CLI goes through here, so that when
// requests must be authenticated there is one place that signs them.
import type { TestServer } from './bff';

export type ApiServer = Pick<TestServer, 'url'>;

/** fetch against the server, path relative to its URL. */
export function apiRequest(server: ApiServer, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(new URL(path, server.url), init);
}

/** A JSON request; the body is serialised and Content-Type set. */
export function apiJson(server: ApiServer, method: string, path: string, body?: unknown): Promise<Response> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  return apiRequest(server, path, init);
}
