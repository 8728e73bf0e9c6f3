// The persistence boundary of authentication: access keys (secrets encrypted), console sessions and
// the audit trail. Both SQL stores keep them in their own tables beside the resources.

export const roles = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export interface AccessKeyRecord {
  /** 20 characters, `MW` then base32, like an AWS access key id. */
  accessKeyId: string;
  name: string;
  role: Role;
  /** The meshes an editor may change and a scoped viewer may read; empty = every mesh (viewer, admin). */
  meshes: string[];
  /** The secret, AES-256-GCM encrypted with the master key (see auth/secret-box.ts). */
  secretCipher: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastUsedAt?: number;
}

export interface SessionRecord {
  /** SHA-256 of the cookie value: a copy of the database does not hold usable sessions. */
  tokenHash: string;
  accessKeyId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface AuditRecord {
  /** Epoch milliseconds. */
  time: number;
  /** The key that made the request, or the one a refused request claimed ('' when none). */
  accessKeyId: string;
  operation: string;
  /** An ARN, or mesh/kind/name, or what a console endpoint acted on. */
  resource: string;
  mesh: string;
  /** 'ok' or the error type (x-amzn-ErrorType) the request was answered with. */
  outcome: string;
  requestId: string;
  message: string;
}

export interface AuditQuery {
  accessKeyId?: string;
  operation?: string;
  outcome?: string;
  mesh?: string;
  /** Epoch milliseconds: events at or after. */
  since?: number;
  limit: number;
}

export interface AuthStore {
  countKeys(): Promise<number>;
  getKey(accessKeyId: string): Promise<AccessKeyRecord | undefined>;
  /** Ordered by creation time. */
  listKeys(): Promise<AccessKeyRecord[]>;
  /** Inserts or replaces. */
  putKey(key: AccessKeyRecord): Promise<void>;
  /** Removes the key and its sessions; false when there was no such key. */
  deleteKey(accessKeyId: string): Promise<boolean>;
  touchKey(accessKeyId: string, at: number): Promise<void>;
  putSession(session: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | undefined>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Appends one event and keeps only the newest `keep`. */
  appendAudit(event: AuditRecord, keep: number): Promise<void>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
}

/** Rows as both SQL stores hold them. */
export interface KeyRow {
  access_key_id: string;
  name: string;
  role: string;
  meshes: string;
  secret_cipher: string;
  created_at: number | string;
  last_used_at: number | string | null;
}

export interface SessionRow {
  token_hash: string;
  access_key_id: string;
  csrf_token: string;
  created_at: number | string;
  last_seen_at: number | string;
}

export interface AuditRow {
  time: number | string;
  access_key_id: string;
  operation: string;
  resource: string;
  mesh: string;
  outcome: string;
  request_id: string;
  message: string;
}

const isRole = (r: string): r is Role => (roles as readonly string[]).includes(r);

export function keyFromRow(row: KeyRow): AccessKeyRecord {
  const meshes = JSON.parse(row.meshes) as unknown;
  return {
    accessKeyId: row.access_key_id,
    name: row.name,
    // A row with an unknown role (written by a newer version) gets the least power.
    role: isRole(row.role) ? row.role : 'viewer',
    meshes: Array.isArray(meshes) ? meshes.filter((m): m is string => typeof m === 'string') : [],
    secretCipher: row.secret_cipher,
    createdAt: Number(row.created_at),
    ...(row.last_used_at === null ? {} : { lastUsedAt: Number(row.last_used_at) }),
  };
}

export function keyToRow(k: AccessKeyRecord): KeyRow {
  return {
    access_key_id: k.accessKeyId,
    name: k.name,
    role: k.role,
    meshes: JSON.stringify(k.meshes),
    secret_cipher: k.secretCipher,
    created_at: k.createdAt,
    last_used_at: k.lastUsedAt ?? null,
  };
}

export const sessionFromRow = (r: SessionRow): SessionRecord => ({
  tokenHash: r.token_hash,
  accessKeyId: r.access_key_id,
  csrfToken: r.csrf_token,
  createdAt: Number(r.created_at),
  lastSeenAt: Number(r.last_seen_at),
});

export const auditFromRow = (r: AuditRow): AuditRecord => ({
  time: Number(r.time),
  accessKeyId: r.access_key_id,
  operation: r.operation,
  resource: r.resource,
  mesh: r.mesh,
  outcome: r.outcome,
  requestId: r.request_id,
  message: r.message,
});

export const auditColumns = ['time', 'access_key_id', 'operation', 'resource', 'mesh', 'outcome', 'request_id', 'message'] as const;

export function auditValues(e: AuditRecord): (string | number)[] {
  return [e.time, e.accessKeyId, e.operation, e.resource, e.mesh, e.outcome, e.requestId, e.message];
}

/** The WHERE clause of an audit query, with `param(i)` writing the i-th placeholder (? or $i). */
export function auditWhere(q: AuditQuery, param: (i: number) => string): { where: string; values: (string | number)[] } {
  const parts: string[] = [];
  const values: (string | number)[] = [];
  const add = (column: string, op: string, value: string | number | undefined) => {
    if (value === undefined) return;
    values.push(value);
    parts.push(`${column} ${op} ${param(values.length)}`);
  };
  add('access_key_id', '=', q.accessKeyId);
  add('operation', '=', q.operation);
  add('outcome', '=', q.outcome);
  add('mesh', '=', q.mesh);
  add('time', '>=', q.since);
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values };
}
