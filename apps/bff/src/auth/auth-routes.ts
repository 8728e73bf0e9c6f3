// The console's auth endpoints: sign in/out (/api/session, before authentication), and for admins
// the access keys (/api/keys) and the audit trail (/api/audit).
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { describeIssues, toFieldIssues } from '@meshwright/model';
import { BadRequestError, ConflictError, NotFoundError } from '../http/errors';
import type { AccessKeyRecord } from '../store/auth-types';
import type { AuthContext } from './auth-context';
import { createKeyInput, principalOf } from './access-keys';
import { requestAuth } from './request-auth';
import { clearedSessionCookie, sessionCookie, sessionToken } from './sessions';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new BadRequestError(describeIssues(toFieldIssues(parsed.error)));
  return parsed.data;
}

const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
export const keyView = (k: AccessKeyRecord) => ({ ...principalOf(k), createdAt: iso(k.createdAt), lastUsedAt: iso(k.lastUsedAt) });

const signIn = z.object({ accessKeyId: z.string().min(1).max(128), secretAccessKey: z.string().min(1).max(128) }).strict();

/** POST/GET/DELETE /api/session: mounted before authentication, it authenticates itself. */
export function sessionRoutes(auth: AuthContext): Router {
  const router = express.Router();
  const current = async (req: Request) => {
    const token = sessionToken(req.headers.cookie);
    const session = token === undefined ? undefined : await auth.sessions.resolve(token);
    const key = session ? await auth.store.getKey(session.accessKeyId) : undefined;
    return session && key ? { key: principalOf(key), csrfToken: session.csrfToken } : undefined;
  };
  router.post('/session', async (req, res) => {
    await auth.ready;
    const locals = requestAuth(res);
    locals.operation = 'console:SignIn';
    const input = parse(signIn, req.body);
    locals.claimedKeyId = input.accessKeyId;
    const key = await auth.keys.check(input.accessKeyId, input.secretAccessKey);
    if (!key) {
      locals.refused = true;
      locals.error = 'wrong access key ID or secret access key';
      res.status(401).set('x-amzn-ErrorType', 'UnauthorizedException').json({ message: 'The access key ID or secret access key is wrong.' });
      return;
    }
    const { token, session } = await auth.sessions.open(key);
    locals.principal = principalOf(key);
    locals.resource = `accessKey/${key.accessKeyId}`;
    auth.keys.used(key.accessKeyId);
    res.setHeader('Set-Cookie', sessionCookie(token, req.secure));
    res.json({ key: principalOf(key), csrfToken: session.csrfToken });
  });
  router.get('/session', async (req, res) => {
    const body = await current(req);
    if (body) res.json(body);
    else res.status(401).set('x-amzn-ErrorType', 'UnauthorizedException').json({ message: 'not signed in' });
  });
  router.delete('/session', async (req, res) => {
    const locals = requestAuth(res);
    locals.operation = 'console:SignOut';
    const token = sessionToken(req.headers.cookie);
    if (token !== undefined) {
      const body = await current(req);
      if (body) locals.principal = body.key;
      await auth.sessions.close(token);
    }
    res.setHeader('Set-Cookie', clearedSessionCookie(req.secure));
    res.status(204).end();
  });
  return router;
}

const auditQuery = z
  .object({
    key: z.string().optional(),
    operation: z.string().optional(),
    outcome: z.string().optional(),
    mesh: z.string().optional(),
    since: z
      .string()
      .optional()
      .transform((s, ctx) => {
        if (s === undefined) return undefined;
        const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
        if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'must be an ISO 8601 time or epoch milliseconds' });
        return ms;
      }),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

/** /api/keys and /api/audit, after authentication and the admin-only access check. */
export function adminRoutes(auth: AuthContext): Router {
  const router = express.Router();
  const named = (res: Response, operation: string, resource = '') => {
    const locals = requestAuth(res);
    locals.operation = operation;
    locals.resource = resource;
  };
  router.get('/keys', async (_req, res) => {
    named(res, 'console:ListAccessKeys');
    res.json({ keys: (await auth.store.listKeys()).map(keyView) });
  });
  router.post('/keys', async (req, res) => {
    named(res, 'console:CreateAccessKey');
    const { key, secretAccessKey } = await auth.keys.create(parse(createKeyInput, req.body));
    named(res, 'console:CreateAccessKey', `accessKey/${key.accessKeyId}`);
    res.status(201).json({ key: keyView(key), secretAccessKey });
  });
  router.delete('/keys/:accessKeyId', async (req, res) => {
    const { accessKeyId } = req.params as { accessKeyId: string };
    named(res, 'console:DeleteAccessKey', `accessKey/${accessKeyId}`);
    const keys = await auth.store.listKeys();
    const key = keys.find((k) => k.accessKeyId === accessKeyId);
    if (!key) throw new NotFoundError(`access key ${accessKeyId} does not exist`);
    if (key.role === 'admin' && keys.filter((k) => k.role === 'admin').length === 1) {
      throw new ConflictError(`access key ${accessKeyId} is the last admin key; create another admin key before deleting it`);
    }
    await auth.keys.delete(accessKeyId);
    res.status(204).end();
  });
  router.get('/audit', async (req, res) => {
    named(res, 'console:ListAuditEvents');
    const q = parse(auditQuery, req.query);
    const events = await auth.audit.list({
      limit: q.limit,
      ...(q.key === undefined ? {} : { accessKeyId: q.key }),
      ...(q.operation === undefined ? {} : { operation: q.operation }),
      ...(q.outcome === undefined ? {} : { outcome: q.outcome }),
      ...(q.mesh === undefined ? {} : { mesh: q.mesh }),
      ...(q.since === undefined ? {} : { since: q.since }),
    });
    res.json({ events: events.map((e) => ({ ...e, time: new Date(e.time).toISOString() })) });
  });
  return router;
}
