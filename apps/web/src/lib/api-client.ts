// The one fetch wrapper of the console. Every failure becomes an ApiError carrying what the BFF said
// (App Mesh error type, message, and for bundle calls the resource and JSON path concerned).

export interface ApiErrorResource {
  kind: string;
  name: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** App Mesh error type from `x-amzn-ErrorType`, such as `ConflictException`. */
    readonly type: string,
    message: string,
    /** The resource the error concerns, when the API names one. */
    readonly resource?: ApiErrorResource,
    /** JSON path of the offending field (bundle-relative for bundle calls), such as `mesh.meshName`. */
    readonly field?: string,
  ) {
    super(message);
  }

  /** Client errors will fail the same way again: not worth retrying. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }

  /** The caller is signed in but its key's role or meshes do not allow this (ForbiddenException). */
  get isForbidden(): boolean {
    return this.status === 403;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads an error response into an ApiError; pure apart from reading the body. */
export async function toApiError(res: Response): Promise<ApiError> {
  const headerType = res.headers.get('x-amzn-errortype') ?? '';
  // The header may carry a suffix such as `ConflictException:http://...`.
  const type = headerType.split(':')[0] || `HTTP${res.status}`;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const message = isRecord(body) && typeof body.message === 'string' ? body.message : res.statusText || `Request failed (${res.status})`;
  const resource =
    isRecord(body) && isRecord(body.resource) && typeof body.resource.kind === 'string' && typeof body.resource.name === 'string'
      ? { kind: body.resource.kind, name: body.resource.name }
      : undefined;
  const field = isRecord(body) && typeof body.field === 'string' ? body.field : undefined;
  return new ApiError(res.status, type, message, resource, field);
}

export interface RequestOptions {
  method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** False for the sign-in call itself, whose 401 means wrong credentials, not an ended session. */
  reportUnauthorized?: boolean;
}

// The session's CSRF token (from POST/GET /api/session), kept in memory only: the cookie alone must
// never be enough for a write, so a page on another site, which cannot read this, cannot write.
let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request answers 401: the session ended (idle expiry, sign-out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** The headers of one request: JSON, and the CSRF token on every method that may change state. */
export function requestHeaders(method: string, hasBody: boolean, token: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (hasBody) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && token) headers['x-csrf-token'] = token;
  return headers;
}

/**
 * Whether an answer means "no session any more": 401 for an expired or signed-out cookie, and AWS's
 * 403 MissingAuthenticationTokenException when the cookie is gone (signed out in another tab).
 */
export const endsSession = (res: Response): boolean =>
  res.status === 401 || (res.status === 403 && (res.headers.get('x-amzn-errortype') ?? '').startsWith('MissingAuthenticationTokenException'));

/** Sends JSON, answers the parsed JSON body, throws ApiError on any non-2xx or network failure. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const tokenAtSend = csrfToken;
  const init: RequestInit = { method, headers: requestHeaders(method, options.body !== undefined, tokenAtSend), credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NetworkError', 'The meshwright server could not be reached. Is it running?');
  }
  // Only a 401 for the session still current ends it: a late answer to a request sent before the
  // user signed in again must not sign them out.
  if (endsSession(res) && options.reportUnauthorized !== false && tokenAtSend === csrfToken) onUnauthorized?.();
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Encodes one path segment (names may contain dots and other URL-significant characters). */
export const seg = (s: string) => encodeURIComponent(s);
