// Console sessions: an opaque cookie value (only its SHA-256 is stored) bound to one access key, with
// a CSRF token, an idle expiry and an absolute one. Kept in the database, so a restart or another
// replica keeps the user signed in.
import { createHash, randomBytes } from 'node:crypto';
import type { AccessKeyRecord, AuthStore, SessionRecord } from '../store/auth-types';

export const SESSION_COOKIE = 'meshwright_session';

export interface SessionTimes {
  idleMs: number;
  maxMs: number;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/** The session cookie's value in a Cookie header, if any. */
export function sessionToken(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
}

export interface SessionService {
  open(key: AccessKeyRecord): Promise<{ token: string; session: SessionRecord }>;
  /** The live session of a cookie value; an expired one is removed and undefined. */
  resolve(token: string): Promise<SessionRecord | undefined>;
  close(token: string): Promise<void>;
}

export function sessionService(store: AuthStore, times: SessionTimes, now: () => number): SessionService {
  return {
    async open(key) {
      const token = randomBytes(32).toString('base64url');
      const at = now();
      const session: SessionRecord = { tokenHash: hashOf(token), accessKeyId: key.accessKeyId, csrfToken: randomBytes(24).toString('base64url'), createdAt: at, lastSeenAt: at };
      await store.putSession(session);
      return { token, session };
    },
    async resolve(token) {
      const hash = hashOf(token);
      const session = await store.getSession(hash);
      if (!session) return undefined;
      const at = now();
      if (at - session.lastSeenAt >= times.idleMs || at - session.createdAt >= times.maxMs) {
        await store.deleteSession(hash);
        return undefined;
      }
      // Idle expiry is in minutes: recording every request's time would be a write per request.
      if (at - session.lastSeenAt >= 10_000) await store.touchSession(hash, at);
      return session;
    },
    async close(token) {
      await store.deleteSession(hashOf(token));
    },
  };
}
