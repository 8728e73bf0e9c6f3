// The one validation middleware: gathers an operation's input from body, URI and query string as the
// API model binds them, checks it with the model's schema and hands typed input on in res.locals.
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { describeIssues, toFieldIssues, type FieldIssue } from '@meshwright/model';
import type { OperationBinding } from '../appmesh/api-model';
import { BadRequestError } from './errors';

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Query values are strings; integer members become numbers when they look like one, else the schema names them. */
function queryValue(raw: unknown, type: string): unknown {
  if (type === 'integer' && typeof raw === 'string' && /^-?\d+$/.test(raw)) return Number(raw);
  return raw;
}

export function gatherInput(binding: OperationBinding, body: unknown, params: Record<string, string>, query: Record<string, unknown>): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  let input: Record<string, unknown> = {};
  if (body !== undefined) {
    if (!isPlainObject(body)) throw new BadRequestError('request body must be a JSON object');
    for (const key of Object.keys(body)) {
      // hasOwn: a body key like "constructor" must not find Object.prototype's members.
      const member = Object.hasOwn(binding.input, key) ? binding.input[key] : undefined;
      if (!member) issues.push({ path: key, message: 'is not a known field' });
      else if (member.location !== 'body') issues.push({ path: key, message: `is not a body field (it belongs in the ${member.location === 'uri' ? 'URL path' : 'query string'})` });
    }
    input = { ...body };
  }
  if (issues.length > 0) throw new BadRequestError(describeIssues(issues));
  for (const [member, b] of Object.entries(binding.input)) {
    if (b.location === 'uri') input[member] = params[b.wireName];
    else if (b.location === 'querystring' && query[b.wireName] !== undefined) input[member] = queryValue(query[b.wireName], b.type);
  }
  return input;
}

/** The operation's typed input, or the BadRequestError naming what is wrong with it. */
export function validInput(binding: OperationBinding, schema: z.ZodType, body: unknown, params: Record<string, string>, query: Record<string, unknown>): unknown {
  const input = gatherInput(binding, body, params, query);
  // reportInput lets toFieldIssues tell "is required" from "must be a string".
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new BadRequestError(describeIssues(toFieldIssues(parsed.error)));
  return parsed.data;
}

export function validateOperation(binding: OperationBinding, schema: z.ZodType): RequestHandler {
  return (req, res, next) => {
    res.locals.input = validInput(binding, schema, req.body, req.params as Record<string, string>, req.query as Record<string, unknown>);
    next();
  };
}
