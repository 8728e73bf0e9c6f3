import { z } from 'zod';
import { intInRange, oneOf } from './primitives';

/** A time span as App Mesh writes it: a value and a unit, both optional on the wire. */
export const durationSchema = z.strictObject({
  /** The unit of `value`. */
  unit: oneOf(['s', 'ms'] as const).optional(),
  /** The amount, 0 or more. */
  value: intInRange(0).optional(),
});
export type Duration = z.infer<typeof durationSchema>;

/** Milliseconds of a duration, or undefined when it carries no value. */
export function durationToMillis(d: Duration | undefined): number | undefined {
  if (d?.value === undefined) return undefined;
  return d.unit === 's' ? d.value * 1000 : d.value;
}
