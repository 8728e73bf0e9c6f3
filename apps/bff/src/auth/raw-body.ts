// Reads the body once for both SigV4 and the handlers: the JSON parser as before, plus the exact bytes
// as they arrived (still compressed when Content-Encoding says so), which the signature covers. A body
// error waits until the request is authenticated, so an unauthenticated caller learns nothing from it.
import express, { type Request, type RequestHandler } from 'express';
import { maxBodyBytes } from '../appmesh/router';
import { refuseDuplicateKeys } from '../http/duplicate-keys';

const rawBodies = new WeakMap<Request, Buffer>();
const bodyErrors = new WeakMap<Request, unknown>();

export const rawBodyOf = (req: Request): Buffer => rawBodies.get(req) ?? Buffer.alloc(0);

/** Errors raised before the whole body was read: there are no bytes a signature could be checked over. */
const unreadable = new Set(['entity.too.large', 'encoding.unsupported', 'charset.unsupported']);
const isUnreadable = (err: unknown) => typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string' && unreadable.has(err.type);

export function readBody(): RequestHandler {
  const json = express.json({ limit: maxBodyBytes, type: () => true, strict: false, verify: refuseDuplicateKeys });
  return (req, res, next) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Registered before the parser starts reading, so both see every chunk.
    const tap = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    };
    req.on('data', tap);
    json(req, res, (err?: unknown) => {
      req.off('data', tap);
      rawBodies.set(req, Buffer.concat(chunks));
      if (err !== undefined && isUnreadable(err)) return next(err);
      if (err !== undefined) bodyErrors.set(req, err);
      next();
    });
  };
}

/** After authentication: the body's parse error, if any, becomes the answer. */
export const bodyError: RequestHandler = (req, _res, next) => {
  const err = bodyErrors.get(req);
  next(err);
};
