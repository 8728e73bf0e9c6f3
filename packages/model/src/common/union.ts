import { z } from 'zod';

/**
 * An App Mesh union: a structure whose members are all optional on the wire, of which exactly one
 * must be set. Unknown members are rejected like everywhere else.
 */
export function exactlyOne<T extends z.ZodRawShape>(members: T) {
  const keys = Object.keys(members);
  const partial = Object.fromEntries(Object.entries(members).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as {
    [K in keyof T]: z.ZodOptional<T[K]>;
  };
  return z.strictObject(partial).superRefine(requireExactlyOne(keys));
}

/** A refinement: exactly one of `keys` is set on the object (App Mesh's union rule). */
export function requireExactlyOne(keys: readonly string[]) {
  return (value: object, ctx: z.RefinementCtx) => {
    const set = keys.filter((k) => (value as Record<string, unknown>)[k] !== undefined);
    if (set.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          set.length === 0
            ? `must set exactly one of ${keys.join(', ')}`
            : `must set exactly one of ${keys.join(', ')}, not ${set.join(' and ')}`,
      });
    }
  };
}
