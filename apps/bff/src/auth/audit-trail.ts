// The audit trail: every write (App Mesh API and console, success and failure) and every refused
// authentication, stored (bounded to the newest N) and written to the log as one JSON line each.
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../deps';
import type { AuditQuery, AuditRecord, AuthStore } from '../store/auth-types';
import { requestAuth, type RequestAuth } from './request-auth';

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

/** Once the response is finished, records the request when it was a write or a refusal. */
export function auditWhenFinished(trail: AuditTrail, now: () => number, method: string, originalUrl: string, res: ServerResponse, auth: RequestAuth): void {
  res.once('finish', () => {
    if (safeMethods.has(method) && !auth.refused && !auth.audit) return;
    const ok = res.statusCode < 400;
    trail.record({
      time: now(),
      accessKeyId: auth.principal?.accessKeyId ?? auth.claimedKeyId ?? '',
      operation: auth.operation ?? `${method} ${originalUrl.split('?')[0] ?? ''}`,
      resource: auth.resource ?? '',
      mesh: auth.mesh ?? '',
      outcome: ok ? 'ok' : String(res.getHeader('x-amzn-ErrorType') ?? res.statusCode),
      requestId: auth.requestId,
      message: ok ? (auth.note ?? '') : (auth.error ?? ''),
    });
  });
}

/** Gives the request its id and, once the response is finished, records it when it was a write or a refusal. */
export function recordRequests(trail: AuditTrail, now: () => number, newId: () => string): RequestHandler {
  return (req, res, next) => {
    const auth = requestAuth(res);
    auth.requestId = newId();
    res.setHeader('x-amzn-RequestId', auth.requestId);
    auditWhenFinished(trail, now, req.method, req.originalUrl, res, auth);
    next();
  };
}
