// The App Mesh API's reads (every GET operation: describe and list) answered before Express: without
// its per-request prototype switch, body parsers and ~150 route layers. It does what that stack does for such a
// request, with the same functions: Host check, SigV4 verification, the policy's access check, the
// model's input validation, the operation's handler, and the same status, headers and bytes. It takes
// only the plain successful case: whenever anything would end in an error (no signature, a refusal,
// invalid input, a missing resource, a request it does not recognise exactly), it has changed nothing
// and hands the request on to Express, which answers it (and audits it) as it always did.
import { parse as parseQueryString } from 'node:querystring';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { operationAccessOf } from '../auth/access';
import { principalOf } from '../auth/access-keys';
import type { AuthContext } from '../auth/auth-context';
import { refusal } from '../auth/policy';
import type { RequestAuth } from '../auth/request-auth';
import { verifySigV4, verifySigV4Now, type SignedRequest } from '../auth/sigv4';
import { gatherInput } from '../http/validate';
import type { ServerMetrics } from '../metrics/server-metrics';
import { match, operationRoutes } from './operation-routes';
import { responseBody } from './router';
import type { ServiceContext } from './service-context';

/** Called with the request when this path does not answer it; nothing of the request or response was touched. */
type Next = () => void;

export function fastReads(
  ctx: ServiceContext,
  auth: AuthContext,
  answersHost: (host: string | undefined) => boolean,
  metrics: ServerMetrics | undefined,
): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const routes = operationRoutes().filter((r) => r.binding.method === 'GET');
  let ready = false;
  void auth.ready.then(() => (ready = true), () => undefined);
  const prefix = '/v20190125/';
  /** The answer's body as text, or undefined to leave the request to Express. */
  const answer = async (req: IncomingMessage, url: string, locals: RequestAuth): Promise<string | undefined> => {
    const q = url.indexOf('?');
    const found = match(routes, q < 0 ? url : url.slice(0, q));
    if (!found) return undefined;
    const keys: { found?: Awaited<ReturnType<typeof auth.keys.find>> } = {};
    const sigv4 = { region: auth.region, now: () => new Date(auth.now()) };
    // A key found within keyCacheMs is verified without waiting on a promise; otherwise as Express does.
    const now = ready ? verifySigV4Now(signed(req, url), sigv4, (id) => (keys.found = auth.keys.remembered(id))?.secret) : undefined;
    if (!now) await auth.ready;
    const verdict =
      now ??
      (await verifySigV4(signed(req, url), {
        ...sigv4,
        lookupSecret: async (id) => {
          keys.found = await auth.keys.find(id);
          return keys.found?.secret;
        },
      }));
    if (!verdict.ok || !keys.found) return undefined;
    const principal = principalOf(keys.found.key);
    // The same 'simple' query parser as the app's ('query parser' setting).
    const query = q < 0 ? {} : (parseQueryString(url.slice(q + 1)) as Record<string, unknown>);
    const { route, params } = found;
    const { access, resource } = operationAccessOf(ctx.config, route.name, route.binding, { params, query, body: undefined });
    if (refusal(principal, access) !== undefined) return undefined;
    const input = gatherInput(route.binding, undefined, params, query);
    const parsed = route.def.schema.safeParse(input);
    if (!parsed.success) return undefined;
    const output = await route.def.handle(ctx, parsed.data);
    auth.keys.used(principal.accessKeyId);
    locals.principal = principal;
    locals.via = 'sigv4';
    locals.operation = access.action;
    locals.resource = resource;
    if (access.mesh !== undefined) locals.mesh = access.mesh;
    return json(responseBody(route.binding, output, principal));
  };
  return (req, res, next) => {
    const h = req.headers;
    const url = req.url ?? '';
    const plain =
      req.method === 'GET' &&
      url.startsWith(prefix) &&
      // Express (parseurl) hands such URLs to url.parse, which rewrites them: only plain ones are taken here.
      !oddUrl.test(url) &&
      h.authorization !== undefined &&
      h['transfer-encoding'] === undefined &&
      (h['content-length'] === undefined || h['content-length'] === '0') &&
      answersHost(h.host);
    if (!plain) return next();
    const started = metrics?.clock() ?? 0;
    const locals: RequestAuth = { requestId: '' };
    answer(req, url, locals).then(
      (body) => {
        if (body === undefined) return next();
        locals.requestId = ctx.newId();
        metrics?.track('GET', url, res, started, locals);
        // The headers, in their order, that recordRequests and Express's res.json() set.
        res.statusCode = 200;
        res.setHeader('x-amzn-RequestId', locals.requestId);
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', String(Buffer.byteLength(body)));
        res.end(body);
      },
      // Whatever went wrong, Express's path turns it into the usual answer.
      () => next(),
    );
  };
}

const emptyBody = new Uint8Array(0);
const signed = (req: IncomingMessage, url: string): SignedRequest => ({ method: 'GET', url, headers: req.headersDistinct, body: emptyBody });
const oddUrl = /[\t\n\f\r #\u00a0\ufeff]/;

/** JSON text by the object it was made from: a describe of an unchanged resource answers with the same object (see toData). */
const jsonOf = new WeakMap<object, string>();
function json(body: unknown): string {
  if (typeof body !== 'object' || body === null) return JSON.stringify(body);
  const hit = jsonOf.get(body);
  if (hit !== undefined) return hit;
  const text = JSON.stringify(body);
  // Only shared (frozen-source) representations come back; a fresh object per request is never seen again.
  jsonOf.set(body, text);
  return text;
}
