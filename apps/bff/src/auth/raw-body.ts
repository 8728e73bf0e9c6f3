// Reads the body once for both SigV4 and the handlers: the JSON parser as before, plus the exact bytes
// as they arrived (still compressed when Content-Encoding says so), which the signature covers. A body
// error waits until the request is authenticated, so an unauthenticated caller learns nothing from it.
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import express, { type Request, type RequestHandler } from 'express';
import { maxBodyBytes } from '../appmesh/router';
import { refuseDuplicateKeys } from '../http/duplicate-keys';

const rawBodies = new WeakMap<Request, Buffer>();
const bodyErrors = new WeakMap<Request, unknown>();
/** Bodies read before Express (fast-write.ts), with the error reading them ended in, if any. */
const readBefore = new WeakMap<IncomingMessage, { raw: Buffer; err: unknown }>();

export const rawBodyOf = (req: Request): Buffer => rawBodies.get(req) ?? Buffer.alloc(0);

/** Hands a body read before Express to readBody, which then settles with it instead of reading. */
export function bodyReadBefore(req: IncomingMessage, raw: Buffer, err: unknown): void {
  readBefore.set(req, { raw, err });
}

/** Errors raised before the whole body was read: there are no bytes a signature could be checked over. */
const unreadable = new Set(['entity.too.large', 'encoding.unsupported', 'charset.unsupported']);
const isUnreadable = (err: unknown) => typeof err === 'object' && err !== null && 'type' in err && typeof err.type === 'string' && unreadable.has(err.type);

/** JSON as the SDKs and the CLI send it: UTF-8 (the charset body-parser assumes when none is named). */
const plainJsonType = /^application\/(?:json|x-amz-json-1\.[01])\s*(?:;\s*charset=utf-8\s*)?$/i;

/**
 * The body's length when the request is the plain case body-parser would read as is: a Content-Length
 * of 1 byte to the limit, no Transfer-Encoding, no compression, UTF-8 JSON or no Content-Type.
 * Anything else (empty, chunked, compressed, another charset, over the limit) goes to body-parser.
 */
export function plainBodyLength(h: Pick<IncomingHttpHeaders, 'transfer-encoding' | 'content-encoding' | 'content-type' | 'content-length'>): number | undefined {
  if (h['transfer-encoding'] !== undefined) return undefined;
  const encoding = h['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  const type = h['content-type'];
  if (type !== undefined && !plainJsonType.test(type)) return undefined;
  const length = h['content-length'];
  if (length === undefined || !/^[1-9]\d{0,6}$/.test(length)) return undefined;
  const n = Number(length);
  return n <= maxBodyBytes ? n : undefined;
}

/** An error of the kind body-parser raises (its `type` is what the error middleware maps to an answer). */
function bodyReadError(err: Error, type: string): Error {
  return Object.assign(err, { status: 400, statusCode: 400, expose: true, type });
}

/**
 * body-parser's JSON parser for the plain case, without its stream machinery: the bytes, the duplicate
 * key check over them (its `verify`), then JSON.parse of their UTF-8 text without a leading BOM (as
 * iconv-lite decodes it). Its failures are body-parser's: same types, same messages.
 */
export function readPlain(req: IncomingMessage & { body?: unknown }, length: number, done: (raw: Buffer, err?: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  /** The bytes read so far (all of them, once the body ended). */
  const bytes = () => (chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, Math.min(size, length)));
  const finish = (raw: Buffer, err?: unknown) => {
    if (finished) return;
    finished = true;
    req.off('data', onData).off('end', onEnd).off('aborted', onAborted).off('error', onError);
    done(raw, err);
  };
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= length) chunks.push(chunk);
  };
  const onAborted = () => finish(bytes(), bodyReadError(new Error('request aborted'), 'request.aborted'));
  const onError = (err: Error) => finish(bytes(), bodyReadError(err, 'request.aborted'));
  const onEnd = () => {
    const raw = bytes();
    if (size !== length) return finish(raw, bodyReadError(new Error('request size did not match content length'), 'request.size.invalid'));
    let failure: unknown;
    try {
      refuseDuplicateKeys(req, undefined, raw);
      const text = raw.toString('utf8');
      req.body = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
    } catch (err) {
      // The duplicate key check's BadRequestError is its own answer; JSON.parse's SyntaxError is a parse failure.
      failure = err instanceof SyntaxError ? bodyReadError(err, 'entity.parse.failed') : err;
    }
    finish(raw, failure);
  };
  req.on('data', onData).on('end', onEnd).on('aborted', onAborted).on('error', onError);
}

export function readBody(): RequestHandler {
  const json = express.json({ limit: maxBodyBytes, type: () => true, strict: false, verify: refuseDuplicateKeys });
  return (req, res, next) => {
    const settle = (raw: Buffer, err?: unknown) => {
      rawBodies.set(req, raw);
      if (err !== undefined && isUnreadable(err)) return next(err);
      if (err !== undefined) bodyErrors.set(req, err);
      next();
    };
    const before = readBefore.get(req);
    if (before) return settle(before.raw, before.err);
    const length = plainBodyLength(req.headers);
    if (length !== undefined) return readPlain(req, length, settle);
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
      settle(Buffer.concat(chunks), err);
    });
  };
}

/** After authentication: the body's parse error, if any, becomes the answer. */
export const bodyError: RequestHandler = (req, _res, next) => {
  const err = bodyErrors.get(req);
  next(err);
};
