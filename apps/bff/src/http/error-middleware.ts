// The one place errors become responses: App Mesh's shape (status, x-amzn-ErrorType, {message}), no stacks.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../deps';
import { ApiError, BadRequestError, InternalServerError, NotFoundError } from './errors';

/** body-parser marks its failures with `type`; every one of them is the client's fault. */
function bodyParserError(err: unknown): ApiError | undefined {
  if (typeof err !== 'object' || err === null || !('type' in err) || typeof err.type !== 'string') return undefined;
  switch (err.type) {
    case 'entity.parse.failed':
      return new BadRequestError(`request body is not valid JSON: ${err instanceof Error ? err.message : 'parse error'}`);
    case 'entity.too.large':
      return new BadRequestError('request body is larger than the 1 MiB limit');
    case 'encoding.unsupported':
      return new BadRequestError(`request body Content-Encoding ${'encoding' in err ? `"${String(err.encoding)}" ` : ''}is not supported; send it uncompressed, or as gzip, deflate or br`);
    case 'charset.unsupported':
      return new BadRequestError('request body encoding is not supported; send UTF-8 JSON');
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new BadRequestError('request body could not be read');
    default:
      return undefined;
  }
}

/**
 * Other client errors Express and body-parser raise with a 4xx status: a URL path that is not valid
 * percent-encoding (URIError) and a body whose Content-Encoding claims a compression it does not have
 * (zlib's error). Their own messages say little to an API client, so name the part of the request.
 */
function requestReadError(err: unknown, contentEncoding: string | undefined): ApiError | undefined {
  if (!(err instanceof Error) || !('status' in err) || typeof err.status !== 'number' || err.status < 400 || err.status >= 500) return undefined;
  if (err instanceof URIError) return new BadRequestError('the URL path is not valid percent-encoding (a % must be followed by two hex digits of UTF-8)');
  if (contentEncoding && contentEncoding !== 'identity') {
    return new BadRequestError(`request body is not valid ${contentEncoding} data, as its Content-Encoding says it is: ${err.message}`);
  }
  return new BadRequestError(`request could not be read: ${err.message}`);
}

export function sendError(res: Parameters<RequestHandler>[1], err: ApiError): void {
  // The audit trail records what a refused write was told.
  if (res.locals.auth) res.locals.auth.error = err.message;
  res
    .status(err.status)
    .set('x-amzn-ErrorType', err.type)
    .json({ message: err.message, ...err.detail });
}

/** The App Mesh error a thrown error is answered with; anything unforeseen is logged and becomes a 500. */
export function answerFor(err: unknown, req: { method: string; path: string; contentEncoding: string | undefined }, logger: Logger): ApiError {
  const known = err instanceof ApiError ? err : (bodyParserError(err) ?? requestReadError(err, req.contentEncoding));
  if (known) return known;
  logger.error('unhandled error', { method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) });
  return new InternalServerError('internal error; the server log has details');
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    sendError(res, answerFor(err, { method: req.method, path: req.path, contentEncoding: req.get('content-encoding')?.toLowerCase() }, logger));
  };
}

/** Unknown App Mesh API paths answer like App Mesh, not with Express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no operation at ${req.method} ${req.path}`));
};
