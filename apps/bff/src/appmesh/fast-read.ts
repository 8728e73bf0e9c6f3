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
import type { SignedRequest } from '../auth/sigv4';
import { gatherInput } from '../http/validate';
import { wireHeaders, type WireHeaders } from '../http/wire-headers';
import type { ServerMetrics } from '../metrics/server-metrics';
import { isPlainApiUrl, match, operationRoutes } from './operation-routes';
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
  /** The answer's body as text, or undefined to leave the request to Express. */
  const answer = async (headers: WireHeaders, url: string, locals: RequestAuth): Promise<Body | undefined> => {
    const q = url.indexOf('?');
    const matched = match(routes, q < 0 ? url : url.slice(0, q));
    if (!matched) return undefined;
    const request: SignedRequest = { method: 'GET', url, headers, body: emptyBody };
    // A key found within keyCacheMs is verified without waiting on a promise; otherwise as Express does.
    const { result, key } = auth.signatures.now(request) ?? (await auth.signatures.lookingUp(request));
    if (!result.ok || !key) return undefined;
    const principal = principalOf(key.key);
    // The same 'simple' query parser as the app's ('query parser' setting).
    const query = q < 0 ? {} : (parseQueryString(url.slice(q + 1)) as Record<string, unknown>);
    const { route, params } = matched;
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
    const url = req.url ?? '';
    if (req.method !== 'GET' || !isPlainApiUrl(url)) return next();
    const h = wireHeaders(req.rawHeaders);
    const plain =
      h !== undefined &&
      h.authorization !== undefined &&
      h['transfer-encoding'] === undefined &&
      (h['content-length'] === undefined || h['content-length'] === '0') &&
      answersHost(h.host);
    if (!plain) return next();
    const started = metrics?.clock() ?? 0;
    const locals: RequestAuth = { requestId: '' };
    answer(h, url, locals).then(
      (body) => {
        if (body === undefined) return next();
        locals.requestId = ctx.newId();
        metrics?.track('GET', url, res, started, locals);
        // The headers, in their order and spelling, that recordRequests and Express's res.json() set:
        // as writeHead's list, which Node writes as it is, without the header map setHeader keeps.
        res.writeHead(200, ['x-amzn-RequestId', locals.requestId, 'Content-Type', 'application/json; charset=utf-8', 'Content-Length', body.length]);
        res.end(body.text);
      },
      // Whatever went wrong, Express's path turns it into the usual answer.
      () => next(),
    );
  };
}

const emptyBody = new Uint8Array(0);

/** An answer's JSON text and its length in bytes. */
interface Body {
  text: string;
  length: number;
}

/** JSON by the object it was made from: a describe of an unchanged resource answers with the same object (see toData). */
const jsonOf = new WeakMap<object, Body>();
function json(body: unknown): Body {
  if (typeof body !== 'object' || body === null) return measured(JSON.stringify(body));
  const hit = jsonOf.get(body);
  if (hit !== undefined) return hit;
  const made = measured(JSON.stringify(body));
  // Only shared (frozen-source) representations come back; a fresh object per request is never seen again.
  jsonOf.set(body, made);
  return made;
}
const measured = (text: string): Body => ({ text, length: Buffer.byteLength(text) });
