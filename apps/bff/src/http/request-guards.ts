// Guards a browser cannot be tricked past. DNS rebinding: a page on evil.example whose name later
// resolves to 127.0.0.1 sends `Host: evil.example`, so only known host names are answered. CSRF: a
// cross-site form post, no-cors fetch or beacon can only send "simple" content types and always
// carries a foreign Origin, so state-changing requests need JSON and, when an Origin is sent, ours.
import type { RequestHandler } from 'express';
import { ForbiddenError, MisdirectedRequestError, UnsupportedMediaTypeError } from './errors';

const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The host name of a Host header or URL authority, lowercased, without the port. */
export function hostNameOf(authority: string): string {
  const a = authority.trim().toLowerCase();
  if (a.startsWith('[')) return a.slice(0, a.indexOf(']') + 1);
  const colon = a.lastIndexOf(':');
  return colon === -1 ? a : a.slice(0, colon);
}

export function isLoopbackName(name: string): boolean {
  return loopbackNames.has(name) || name.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(name);
}

/** Whether a Host header names this server: a loopback name or one of ALLOWED_HOSTS. */
export function answersHost(allowedHosts: readonly string[]): (host: string | undefined) => boolean {
  const allowed = new Set(allowedHosts.map((h) => hostNameOf(h)));
  return (host) => {
    const name = host === undefined ? '' : hostNameOf(host);
    return name !== '' && (isLoopbackName(name) || allowed.has(name));
  };
}

/** Answers only Hosts that are loopback names or listed in ALLOWED_HOSTS (or PUBLIC_URL's host). */
export function hostCheck(allowedHosts: readonly string[]): RequestHandler {
  const answered = answersHost(allowedHosts);
  return (req, _res, next) => {
    const host = req.headers.host;
    if (answered(host)) return next();
    next(new MisdirectedRequestError(`Host "${host ?? ''}" is not a name this server answers for; add it to ALLOWED_HOSTS (or set PUBLIC_URL) if it should be`));
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing requests with a body must say `application/json`, and a browser's Origin, when
 * sent, must be this server's own (same host and port as the Host it asked for).
 */
export const sameOriginJson: RequestHandler = (req, _res, next) => {
  if (safeMethods.has(req.method)) return next();
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let authority: string;
    try {
      authority = new URL(origin).host;
    } catch {
      authority = '';
    }
    if (authority.toLowerCase() !== (req.headers.host ?? '').toLowerCase()) {
      return next(new ForbiddenError(`${req.method} from Origin ${origin} is refused: only this server's own pages may change the mesh`));
    }
  } else if (origin === 'null') {
    return next(new ForbiddenError(`${req.method} from an opaque Origin (null) is refused: only this server's own pages may change the mesh`));
  }
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (hasBody && type !== 'application/json') {
    return next(new UnsupportedMediaTypeError(`Content-Type "${req.headers['content-type'] ?? ''}" is not accepted; send the body as application/json`));
  }
  next();
};
