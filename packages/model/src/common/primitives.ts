import { z } from 'zod';

/** A type error message that says "is required" when the value is missing, `must be ...` otherwise. */
export function typeError(expected: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${expected}`);
}

/** An integer within [min, max]; the message states the allowed range so a form can show it as is. */
export function intInRange(min: number, max?: number) {
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  const message = `must be a whole number ${range}`;
  let schema = z.number({ error: (issue) => (issue.input === undefined ? 'is required' : message) }).int({ error: message }).min(min, { error: message });
  if (max !== undefined) schema = schema.max(max, { error: message });
  return schema;
}

/** A string whose length is within [min, max] characters. */
export function stringOfLength(min: number, max?: number) {
  const range = max === undefined ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`;
  const message = `must be ${range} characters long`;
  // An empty value where one is needed reads "is required" at a form field, not a length rule.
  let schema = z.string({ error: typeError('a string') }).min(min, { error: (issue) => (issue.input === '' ? 'is required' : message) });
  if (max !== undefined) schema = schema.max(max, { error: message });
  return schema;
}

/** A plain string without length limits (the API sets none). */
export const anyString = () => z.string({ error: typeError('a string') });

/** A list with optional size limits. */
export function listOf<T extends z.ZodType>(item: T, min?: number, max?: number) {
  let schema = z.array(item, { error: typeError('a list') });
  if (min !== undefined) schema = schema.min(min, { error: `must have at least ${min} item${min === 1 ? '' : 's'}` });
  if (max !== undefined) schema = schema.max(max, { error: `must have at most ${max} items` });
  return schema;
}

/** One of the listed values; the message lists them. */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: typeError(`one of ${values.join(', ')}`) });
}

export const booleanValue = () => z.boolean({ error: typeError('true or false') });

/**
 * App Mesh resource names: 1-255 characters. meshwright also refuses `/`: names are path segments
 * of ARNs and of Envoy node ids (`mesh/<mesh>/virtualNode/<node>`), where a slash is ambiguous.
 */
export const resourceName = () => safeName(stringOfLength(1, 255).regex(/^[^/]*$/, { error: 'must not contain "/"' }));

const controlCharacter = /[\u0000-\u001f\u007f]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Names become store keys, ARNs, URL segments and Envoy node ids. A control character (NUL among
 * them) could make two names share a key, and a lone UTF-16 surrogate is stored as U+FFFD, after
 * which the resource can never be named again: both are refused.
 */
export function safeName(schema: z.ZodString) {
  return schema
    .refine((v) => !controlCharacter.test(v), { error: 'must not contain control characters (U+0000 to U+001F, U+007F)' })
    .refine((v) => !loneSurrogate.test(v), { error: 'must be valid Unicode text (it contains a lone UTF-16 surrogate)' });
}

/** What appmesh.md says of clientToken: up to 36 letters, digits, `-` and `_`. */
export const clientTokenString = () =>
  anyString().regex(/^[A-Za-z0-9_-]{0,36}$/, { error: 'must be at most 36 letters, digits, "-" or "_"' });

/** 1-65535, for listener and target ports. */
export const portNumber = () => intInRange(1, 65535);

/** A positive or zero 64-bit count that JavaScript represents exactly. */
export const longAtLeast = (min: number) => intInRange(min);

export const portProtocol = () => oneOf(['http', 'tcp', 'http2', 'grpc'] as const);
export type PortProtocol = z.infer<ReturnType<typeof portProtocol>>;
