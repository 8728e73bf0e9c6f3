// Node's HTTP parser decodes only `chunked`. A body sent as `Transfer-Encoding: gzip, chunked` would
// reach the JSON parser still compressed (or, with a plain body, be accepted under a false claim),
// so any other transfer coding is refused before a handler runs.
import type { RequestHandler } from 'express';
import { BadRequestError } from './errors';

export const refuseUnknownTransferEncoding: RequestHandler = (req, _res, next) => {
  const header = req.headers['transfer-encoding'];
  if (header === undefined) return next();
  const codings = header.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
  if (codings.length === 1 && codings[0] === 'chunked') return next();
  next(new BadRequestError(`Transfer-Encoding "${header}" is not supported; send the body with a Content-Length or as chunked (use Content-Encoding for compression)`));
};
