// Every request under /v20190125 and /api (but the login) is authenticated: by SigV4 exactly as AWS
// verifies it (the CLI, SDKs, boto3, meshwright's CLI), or by a console session cookie. A cookie alone
// cannot change anything: state-changing requests also need the session's CSRF token and our Origin.
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ForbiddenError } from '../http/errors';
import type { AuthContext } from './auth-context';
import { principalOf } from './access-keys';
import { MissingAuthenticationTokenError, SessionExpiredError, sigV4Error } from './errors';
import { rawBodyOf } from './raw-body';
import { requestAuth } from './request-auth';
import { sessionToken } from './sessions';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const isSigned = (req: Request) => req.headers.authorization !== undefined || /[?&]X-Amz-(Signature|Credential|Algorithm)=/.test(req.originalUrl);

/** The access key id a signature claims, for the audit trail of a refusal. */
function claimedKeyId(req: Request): string | undefined {
  const m = /Credential=([^/,\s&]+)/.exec(req.headers.authorization ?? '') ?? /[?&]X-Amz-Credential=([^%/&]+)/.exec(req.originalUrl);
  return m?.[1];
}

const sameString = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Why a cookie-authenticated write is refused, if it is: a foreign or missing Origin, a wrong CSRF token. */
function csrfProblem(req: Request, csrfToken: string): string | undefined {
  const origin = req.headers.origin;
  let authority: string | undefined;
  try {
    authority = origin === undefined ? undefined : new URL(origin).host.toLowerCase();
  } catch {
    authority = undefined;
  }
  if (authority === undefined || authority !== (req.headers.host ?? '').toLowerCase()) {
    return `${req.method} with a console session needs this server's own Origin, not ${origin ?? 'none'}`;
  }
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !sameString(sent, csrfToken)) {
    return `${req.method} with a console session needs the session's x-csrf-token header (missing or wrong)`;
  }
  return undefined;
}

export function authenticate(auth: AuthContext): RequestHandler {
  return async (req, res, next) => {
    if (!auth.signatures.ready) await auth.ready;
    const locals = requestAuth(res);
    if (isSigned(req)) {
      const signed = { method: req.method, url: req.originalUrl, headers: req.headersDistinct, body: rawBodyOf(req) };
      const { result, key: found } = auth.signatures.now(signed) ?? (await auth.signatures.lookingUp(signed));
      if (!result.ok || !found) {
        locals.refused = true;
        const claimed = claimedKeyId(req);
        if (claimed !== undefined) locals.claimedKeyId = claimed;
        return next(result.ok ? sigV4Error('UnrecognizedClientException', 'The security token included in the request is invalid.') : sigV4Error(result.code, result.message));
      }
      locals.principal = principalOf(found.key);
      locals.via = 'sigv4';
      auth.keys.used(found.key.accessKeyId);
      return next();
    }
    const token = sessionToken(req.headers.cookie);
    if (token === undefined) {
      locals.refused = true;
      return next(new MissingAuthenticationTokenError('Missing Authentication Token: sign the request with AWS Signature Version 4, or sign in to the console'));
    }
    const session = await auth.sessions.resolve(token);
    const key = session ? await auth.store.getKey(session.accessKeyId) : undefined;
    if (!session || !key) {
      locals.refused = true;
      return next(new SessionExpiredError('your console session has expired or was signed out; sign in again'));
    }
    locals.principal = principalOf(key);
    locals.via = 'session';
    locals.session = session;
    if (!safeMethods.has(req.method)) {
      const problem = csrfProblem(req, session.csrfToken);
      if (problem) {
        locals.refused = true;
        return next(new ForbiddenError(problem));
      }
    }
    next();
  };
}
