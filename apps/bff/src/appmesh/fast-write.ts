// The App Mesh API's writes (PUT, POST, DELETE) as the SDKs and the CLI send them, answered before
// Express: a change then reaches the proxies without Express's per-request setup and ~10 middleware
// layers ahead of it. It runs the checks that stack runs, with the same functions and in the same order:
// Host, Origin and Content-Type guards, the body read once (raw-body.ts), SigV4, the policy's access
// check, the model's input validation; then the operation's handler, whose answer or error it sends
// with the same status, headers and bytes, metered and audited as recordRequests and the metrics do.
// Whenever a check would refuse, or anything is unusual, it hands the request to Express instead,
// with the body it read: Express runs every check again and gives the usual answer (and audit).
import { parse as parseQueryString } from 'node:querystring';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { operationAccessOf } from '../auth/access';
import { principalOf, type Principal } from '../auth/access-keys';
import { auditWhenFinished } from '../auth/audit-trail';
import type { AuthContext } from '../auth/auth-context';
import { refusal } from '../auth/policy';
import { bodyReadBefore, plainBodyLength, readPlain } from '../auth/raw-body';
import type { RequestAuth } from '../auth/request-auth';
import { answerFor } from '../http/error-middleware';
import type { ApiError } from '../http/errors';
import { validInput } from '../http/validate';
import { wireHeaders, type WireHeaders } from '../http/wire-headers';
import type { ServerMetrics } from '../metrics/server-metrics';
import { isPlainApiUrl, match, operationRoutes, type OperationRoute } from './operation-routes';
import { responseBody } from './router';
import type { ServiceContext } from './service-context';

/** Called when this path does not answer the request: nothing was sent (the body may have been read). */
type Next = () => void;

/**
 * The body's length, 0 when there is none, or undefined when the request is not the plain case
 * (sameOriginJson's and readBody's rules: no Origin, no Transfer-Encoding, a JSON body with a length).
 */
function plainLength(h: WireHeaders): number | undefined {
  if (h.origin !== undefined || h['transfer-encoding'] !== undefined) return undefined;
  // No body at all (body-parser leaves req.body undefined), or an empty one (it reads as {}).
  if (h['content-length'] === undefined || h['content-length'] === '0') return 0;
  // sameOriginJson wants application/json itself (readBody's plain reader also takes x-amz-json).
  if (!/^application\/json\s*(;|$)/i.test(h['content-type'] ?? '')) return undefined;
  return plainBodyLength(h);
}

/** JSON as Express's res.json sends it, after recordRequests set the request id. */
function send(res: ServerResponse, status: number, body: unknown, errorType?: string): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  if (errorType !== undefined) res.setHeader('x-amzn-ErrorType', errorType);
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', String(Buffer.byteLength(text)));
  res.end(text);
}

/** One write as this path takes it: what the entry checks found, carried through the body read. */
interface Write {
  req: IncomingMessage & { body?: unknown };
  res: ServerResponse;
  method: string;
  url: string;
  /** The URL without its query string, and the query string (empty when there is none). */
  path: string;
  search: string;
  headers: WireHeaders;
  route: OperationRoute;
  params: Record<string, string>;
  /** The metrics clock when the request came in. */
  started: number;
}

export function fastWrites(
  ctx: ServiceContext,
  auth: AuthContext,
  answersHost: (host: string | undefined) => boolean,
  metrics: ServerMetrics | undefined,
): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const byMethod = new Map<string, OperationRoute[]>();
  for (const route of operationRoutes()) {
    if (route.binding.method !== 'GET') byMethod.set(route.binding.method, [...(byMethod.get(route.binding.method) ?? []), route]);
  }

  /** The handler's answer or error, metered and audited; never hands on to Express. */
  const answer = (w: Write, principal: Principal, acting: ReturnType<typeof operationAccessOf>, input: unknown): void => {
    const { res, method, url, route } = w;
    const locals: RequestAuth = { requestId: ctx.newId(), principal, via: 'sigv4', operation: acting.access.action, resource: acting.resource };
    if (acting.access.mesh !== undefined) locals.mesh = acting.access.mesh;
    const failed = (err: unknown) => {
      if (res.headersSent) return;
      const error: ApiError = answerFor(err, { method, path: w.path, contentEncoding: undefined }, ctx.logger);
      // The audit trail records what a refused write was told (as sendError does).
      locals.error = error.message;
      send(res, error.status, { message: error.message, ...error.detail }, error.type);
    };
    try {
      auth.keys.used(principal.accessKeyId);
      res.setHeader('x-amzn-RequestId', locals.requestId);
      auditWhenFinished(auth.audit, ctx.now, method, url, res, locals);
      metrics?.track(method, url, res, w.started, locals);
      route.def.handle(ctx, input).then((output) => send(res, 200, responseBody(route.binding, output, principal)), failed).catch(failed);
    } catch (err) {
      failed(err);
    }
  };

  /** After the body is read: the checks, then the answer; false (nothing sent) when Express must answer instead. */
  const handle = (w: Write, raw: Buffer): boolean => {
    const verified = auth.signatures.now({ method: w.method, url: w.url, headers: w.headers, body: raw });
    if (!verified?.result.ok || !verified.key) return false;
    const principal = principalOf(verified.key.key);
    // The same 'simple' query parser as the app's ('query parser' setting).
    const query = w.search === '' ? {} : (parseQueryString(w.search) as Record<string, unknown>);
    const body = w.req.body;
    const acting = operationAccessOf(ctx.config, w.route.name, w.route.binding, { params: w.params, query, body });
    if (refusal(principal, acting.access) !== undefined) return false;
    let input: unknown;
    try {
      input = validInput(w.route.binding, w.route.def.schema, body, w.params, query);
    } catch {
      return false;
    }
    // From here on this path answers, as the Express stack would from its handler on.
    answer(w, principal, acting, input);
    return true;
  };

  return (req, res, next) => {
    const method = req.method ?? '';
    const routes = byMethod.get(method);
    const url = req.url ?? '';
    if (!routes || !auth.signatures.ready || !isPlainApiUrl(url)) return next();
    const headers = wireHeaders(req.rawHeaders);
    if (!headers || headers.authorization === undefined || !answersHost(headers.host)) return next();
    const length = plainLength(headers);
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const found = length === undefined ? undefined : match(routes, path);
    if (length === undefined || !found) return next();
    const w: Write = { req, res, method, url, path, search: q < 0 ? '' : url.slice(q + 1), headers, route: found.route, params: found.params, started: metrics?.clock() ?? 0 };
    const settle = (raw: Buffer, err?: unknown) => {
      let answered = false;
      try {
        answered = err === undefined && handle(w, raw);
      } catch {
        // A check that threw rather than refused (nothing was sent or registered): Express answers it.
        answered = false;
      }
      if (answered) return;
      bodyReadBefore(req, raw, err);
      next();
    };
    if (length === 0) {
      // body-parser reads a Content-Length: 0 body as {} and no body at all as nothing.
      if (headers['content-length'] !== undefined) w.req.body = {};
      return settle(Buffer.alloc(0));
    }
    readPlain(req, length, settle);
  };
}
