// The auth services of one app, built from its deps: keys, sessions, the audit trail, and the seeding
// of the admin key the configuration names (awaited by the first authenticated request).
import type { AppDeps } from '../deps';
import type { AuthStore } from '../store/auth-types';
import { keyService, type KeyService } from './access-keys';
import { auditTrail, type AuditTrail } from './audit-trail';
import { sessionService, type SessionService } from './sessions';
import { signatures, type Signatures } from './signatures';

export const defaultSessionIdleMs = 30 * 60_000;
export const defaultSessionMaxMs = 12 * 60 * 60_000;
export const defaultAuditKeep = 10_000;

export interface AuthContext {
  store: AuthStore;
  keys: KeyService;
  sessions: SessionService;
  audit: AuditTrail;
  region: string;
  now: () => number;
  /** Resolves once the seeded admin key (if any) is stored. */
  ready: Promise<void>;
  /** SigV4 verification with the signing key, for every path that authenticates App Mesh requests. */
  signatures: Signatures;
}

export function createAuthContext(deps: AppDeps): AuthContext {
  const now = deps.clock ?? Date.now;
  const { auth } = deps.config;
  const store = deps.store.auth;
  const keys = keyService(store, auth.masterKey, now);
  const seed = auth.seedAdmin;
  const ready = seed ? keys.seedAdmin(seed) : Promise.resolve();
  return {
    store,
    keys,
    sessions: sessionService(store, { idleMs: auth.sessionIdleMs ?? defaultSessionIdleMs, maxMs: auth.sessionMaxMs ?? defaultSessionMaxMs }, now),
    audit: auditTrail(store, auth.auditKeep ?? defaultAuditKeep, deps.auditLog ?? ((line) => process.stdout.write(`${line}\n`)), deps.logger),
    region: deps.config.region,
    now,
    ready,
    signatures: signatures(keys, ready, { region: deps.config.region, now }),
  };
}
