// The audit log's filters live in the page URL (shareable, kept on reload); these turn them into the
// query of GET /api/audit and put the events newest first.

export const auditFilterNames = ['key', 'operation', 'outcome', 'mesh'] as const;
export type AuditFilterName = (typeof auditFilterNames)[number];
export type AuditFilters = Partial<Record<AuditFilterName, string>>;

/** One event of GET /api/audit. */
export interface AuditEvent {
  /** ISO 8601 (epoch numbers are read too). */
  time: string | number;
  /** The key that made the request, or the one a refused request claimed ('' when none). */
  accessKeyId: string;
  /** appmesh:CreateMesh, console:SignIn, ... */
  operation: string;
  /** An ARN, mesh/kind/name, or what a console endpoint acted on ('' when nothing). */
  resource: string;
  mesh?: string;
  /** 'ok' or the error type the request was answered with. */
  outcome: string;
  requestId: string;
  message?: string;
}

/** The filters set in a search string, blanks dropped. */
export function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const name of auditFilterNames) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  return filters;
}

/** `?key=..&mesh=..` for the API (and the page URL), in a fixed order so equal filters give equal keys. */
export function auditQueryString(filters: AuditFilters, limit?: number): string {
  const params = new URLSearchParams();
  for (const name of auditFilterNames) {
    const value = filters[name]?.trim();
    if (value) params.set(name, value);
  }
  if (limit !== undefined) params.set('limit', String(limit));
  const text = params.toString();
  return text ? `?${text}` : '';
}

const millis = (time: string | number): number => (typeof time === 'number' ? (time < 1e12 ? time * 1000 : time) : Date.parse(time));

/** Newest first; the request id breaks ties so the order is stable. */
export function newestFirst(events: readonly AuditEvent[]): AuditEvent[] {
  return [...events].sort((a, b) => millis(b.time) - millis(a.time) || b.requestId.localeCompare(a.requestId));
}

export function formatTime(time: string | number): string {
  const ms = millis(time);
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z') : String(time);
}
