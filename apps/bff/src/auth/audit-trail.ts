// The audit trail: every write (App Mesh API and console, success and failure) and every refused
// authentication, stored (bounded to the newest N) and written to the log as one JSON line each.
import type { RequestHandler } from 'express';
import type { Logger } from '../deps';
import type { AuditQuery, AuditRecord, AuthStore } from '../store/auth-types';
import { requestAuth } from './request-auth';

export interface AuditTrail {
  record(event: AuditRecord): void;
  list(query: AuditQuery): Promise<AuditRecord[]>;
}

export function auditTrail(store: AuthStore, keep: number, log: (line: string) => void, logger: Logger | undefined): AuditTrail {
  return {
    record(event) {
      log(JSON.stringify({ audit: { ...event, time: new Date(event.time).toISOString() } }));
      // An audit write failing must not fail the request that was already answered; it is logged.
      store.appendAudit(event, keep).catch((err: unknown) => logger?.error('audit event not stored', { error: err instanceof Error ? err.message : String(err), event }));
    },
    list: (query) => store.listAudit(query),
  };
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Gives the request its id and, once the response is finished, records it when it was a write or a refusal. */
export function recordRequests(trail: AuditTrail, now: () => number, newId: () => string): RequestHandler {
  return (req, res, next) => {
    const auth = requestAuth(res);
    auth.requestId = newId();
    res.setHeader('x-amzn-RequestId', auth.requestId);
    res.once('finish', () => {
      if (safeMethods.has(req.method) && !auth.refused && !auth.audit) return;
      const ok = res.statusCode < 400;
      trail.record({
        time: now(),
        accessKeyId: auth.principal?.accessKeyId ?? auth.claimedKeyId ?? '',
        operation: auth.operation ?? `${req.method} ${req.originalUrl.split('?')[0] ?? ''}`,
        resource: auth.resource ?? '',
        mesh: auth.mesh ?? '',
        outcome: ok ? 'ok' : String(res.getHeader('x-amzn-ErrorType') ?? res.statusCode),
        requestId: auth.requestId,
        message: ok ? (auth.note ?? '') : (auth.error ?? ''),
      });
    });
    next();
  };
}
