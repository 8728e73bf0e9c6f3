// What one request carries through the auth middlewares (res.locals.auth): its id, who sent it,
// and what it acted on, which the audit trail records when the response is finished.
import type { Response } from 'express';
import type { SessionRecord } from '../store/auth-types';
import type { Principal } from './access-keys';

export interface RequestAuth {
  /** Sent back as x-amzn-RequestId and recorded in the audit trail. */
  requestId: string;
  principal?: Principal;
  via?: 'sigv4' | 'session';
  session?: SessionRecord;
  /** The key a refused request claimed to be from. */
  claimedKeyId?: string;
  /** Authentication was refused (always audited). */
  refused?: boolean;
  operation?: string;
  resource?: string;
  mesh?: string;
  /** The message of the error the request was answered with. */
  error?: string;
  /** A read that acted (a proxy certificate issued with a bootstrap download): audited like a write. */
  audit?: boolean;
  /** The audit message of a request that succeeded (what it did, e.g. the certificate's serial). */
  note?: string;
}

declare global {
  // Express's own extension point for typed res.locals.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      auth?: RequestAuth;
    }
  }
}

/** The request's auth record; the first auth middleware creates it, so every later one finds it. */
export function requestAuth(res: Response): RequestAuth {
  if (!res.locals.auth) res.locals.auth = { requestId: '' };
  return res.locals.auth;
}

/** The authenticated principal; only reached after `authenticate` let the request through. */
export function principal(res: Response): Principal {
  const p = res.locals.auth?.principal;
  if (!p) throw new Error('no principal: the authenticate middleware did not run');
  return p;
}
