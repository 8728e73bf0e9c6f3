// The console's auth endpoints as zod schemas: the OpenAPI document is generated from them, and the
// web app codes against the same shapes.
import { z } from 'zod';
import { roles } from '../store/auth-types';

export const principalSchema = z.object({
  accessKeyId: z.string(),
  name: z.string(),
  role: z.enum(roles),
  /** Empty: every mesh (admins, unscoped viewers). */
  meshes: z.array(z.string()),
});

export const signInSchema = z.object({ accessKeyId: z.string(), secretAccessKey: z.string() });
export const sessionInfoSchema = z.object({ key: principalSchema, csrfToken: z.string() });
export const accessKeySchema = principalSchema.extend({ createdAt: z.string(), lastUsedAt: z.string().nullable() });
export const accessKeyListSchema = z.object({ keys: z.array(accessKeySchema) });
export const createAccessKeySchema = z.object({ name: z.string(), role: z.enum(roles), meshes: z.array(z.string()).optional() });
export const createdAccessKeySchema = z.object({ key: accessKeySchema, secretAccessKey: z.string() });
export const auditEventSchema = z.object({
  time: z.string(),
  accessKeyId: z.string(),
  operation: z.string(),
  resource: z.string(),
  mesh: z.string(),
  outcome: z.string(),
  requestId: z.string(),
  message: z.string(),
});
export const auditEventsSchema = z.object({ events: z.array(auditEventSchema) });
export const auditQuerySchema = z.object({
  key: z.string().optional(),
  operation: z.string().optional(),
  outcome: z.string().optional(),
  mesh: z.string().optional(),
  since: z.string().optional(),
  limit: z.string().optional(),
});
