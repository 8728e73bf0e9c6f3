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

export function sendError(res: Parameters<RequestHandler>[1], err: ApiError): void {
  res
    .status(err.status)
    .set('x-amzn-ErrorType', err.type)
    .json({ message: err.message, ...err.detail });
}

export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = err instanceof ApiError ? err : bodyParserError(err);
    if (known) {
      sendError(res, known);
      return;
    }
    logger.error('unhandled error', { method: req.method, path: req.path, error: err instanceof Error ? err.stack : String(err) });
    sendError(res, new InternalServerError('internal error; the server log has details'));
  };
}

/** Unknown App Mesh API paths answer like App Mesh, not with Express's HTML page. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`no operation at ${req.method} ${req.path}`));
};
