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
}

/** Sends JSON, answers the parsed JSON body, throws ApiError on any non-2xx or network failure. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = { method: options.method ?? 'GET', headers: { accept: 'application/json' } };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    init.headers = { accept: 'application/json', 'content-type': 'application/json' };
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NetworkError', 'The meshwright server could not be reached. Is it running?');
  }
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Encodes one path segment (names may contain dots and other URL-significant characters). */
export const seg = (s: string) => encodeURIComponent(s);
