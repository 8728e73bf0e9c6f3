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
import { verifySigV4Now } from '../auth/sigv4';
import { answerFor } from '../http/error-middleware';
import type { ApiError } from '../http/errors';
import { validInput } from '../http/validate';
import type { ServerMetrics } from '../metrics/server-metrics';
import { match, operationRoutes, type OperationRoute } from './operation-routes';
import { responseBody } from './router';
import type { ServiceContext } from './service-context';

/** Called when this path does not answer the request: nothing was sent (the body may have been read). */
type Next = () => void;

const prefix = '/v20190125/';
// Express (parseurl) hands such URLs to url.parse, which rewrites them: only plain ones are taken here.
const oddUrl = /[\t\n\f\r #\u00a0\ufeff]/;

/**
 * The body's length, 0 when there is none, or undefined when the request is not the plain case
 * (sameOriginJson's and readBody's rules: no Origin, no Transfer-Encoding, a JSON body with a length).
 */
function plainLength(req: IncomingMessage): number | undefined {
  const h = req.headers;
  if (h.origin !== undefined || h['transfer-encoding'] !== undefined) return undefined;
  // No body at all (body-parser leaves req.body undefined), or an empty one (it reads as {}).
  if (h['content-length'] === undefined || h['content-length'] === '0') return 0;
  // sameOriginJson wants application/json itself (readBody's plain reader also takes x-amz-json).
  if (!/^application\/json\s*(;|$)/i.test(h['content-type'] ?? '')) return undefined;
  return plainBodyLength(req);
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
  let ready = false;
  void auth.ready.then(() => (ready = true), () => undefined);
  const sigv4 = { region: auth.region, now: () => new Date(auth.now()) };

  /** The handler's answer or error, metered and audited; never hands on to Express. */
  const answer = (req: IncomingMessage, res: ServerResponse, url: string, route: OperationRoute, principal: Principal, acting: ReturnType<typeof operationAccessOf>, input: unknown): void => {
    const method = req.method ?? '';
    const locals: RequestAuth = { requestId: ctx.newId(), principal, via: 'sigv4', operation: acting.access.action, resource: acting.resource };
    if (acting.access.mesh !== undefined) locals.mesh = acting.access.mesh;
    const failed = (err: unknown) => {
      if (res.headersSent) return;
      const q = url.indexOf('?');
      const error: ApiError = answerFor(err, { method, path: q < 0 ? url : url.slice(0, q), contentEncoding: undefined }, ctx.logger);
      // The audit trail records what a refused write was told (as sendError does).
      locals.error = error.message;
      send(res, error.status, { message: error.message, ...error.detail }, error.type);
    };
    try {
      auth.keys.used(principal.accessKeyId);
      res.setHeader('x-amzn-RequestId', locals.requestId);
      auditWhenFinished(auth.audit, ctx.now, method, url, res, locals);
      metrics?.track(method, url, res, started.get(req) ?? 0, locals);
      route.def.handle(ctx, input).then((output) => send(res, 200, responseBody(route.binding, output, principal)), failed).catch(failed);
    } catch (err) {
      failed(err);
    }
  };

  /** After the body is read: the checks, then the answer; false (nothing sent) when Express must answer instead. */
  const handle = (req: IncomingMessage & { body?: unknown }, res: ServerResponse, url: string, route: OperationRoute, params: Record<string, string>, raw: Buffer): boolean => {
    const keys: { found?: ReturnType<typeof auth.keys.remembered> } = {};
    const verdict = verifySigV4Now({ method: req.method ?? '', url, headers: req.headersDistinct, body: raw }, sigv4, (id) => (keys.found = auth.keys.remembered(id))?.secret);
    if (!verdict?.ok || !keys.found) return false;
    const principal = principalOf(keys.found.key);
    const q = url.indexOf('?');
    // The same 'simple' query parser as the app's ('query parser' setting).
    const query = q < 0 ? {} : (parseQueryString(url.slice(q + 1)) as Record<string, unknown>);
    const { access, resource } = operationAccessOf(ctx.config, route.name, route.binding, { params, query, body: req.body });
    if (refusal(principal, access) !== undefined) return false;
    let input: unknown;
    try {
      input = validInput(route.binding, route.def.schema, req.body, params, query);
    } catch {
      return false;
    }
    // From here on this path answers, as the Express stack would from its handler on.
    answer(req, res, url, route, principal, { access, resource }, input);
    return true;
  };

  const started = new WeakMap<IncomingMessage, number>();
  return (req, res, next) => {
    const routes = byMethod.get(req.method ?? '');
    const url = req.url ?? '';
    if (!routes || !ready || !url.startsWith(prefix) || oddUrl.test(url) || req.headers.authorization === undefined || !answersHost(req.headers.host)) return next();
    const length = plainLength(req);
    const q = url.indexOf('?');
    const found = length === undefined ? undefined : match(routes, q < 0 ? url : url.slice(0, q));
    if (length === undefined || !found) return next();
    started.set(req, metrics?.clock() ?? 0);
    const settle = (raw: Buffer, err?: unknown) => {
      let answered = false;
      try {
        answered = err === undefined && handle(req, res, url, found.route, found.params, raw);
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
      if (req.headers['content-length'] !== undefined) (req as { body?: unknown }).body = {};
      return settle(Buffer.alloc(0));
    }
    readPlain(req, length, settle);
  };
}
