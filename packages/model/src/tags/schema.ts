import { z } from 'zod';
import { listOf, stringOfLength } from '../common/primitives';

/** A key/value label on a resource. */
export const tagRefSchema = z.strictObject({
  /** 1-128 characters. */
  key: stringOfLength(1, 128),
  /** 0-256 characters. */
  value: stringOfLength(0, 256),
});
export type TagRef = z.infer<typeof tagRefSchema>;

/** Up to 50 tags. */
export const tagListSchema = listOf(tagRefSchema, 0, 50);
export const tagKeyListSchema = listOf(stringOfLength(1, 128), 0, 50);
