// The proxy certificates meshwright issued (one per downloaded ADS bootstrap): serial, proxy, when, and
// whether revoked. The xDS server refuses a certificate whose serial is not here or is revoked.
import type Database from 'better-sqlite3';
import type pg from 'pg';

export interface ProxyCertificateRecord {
  /** Upper-case hex, as Node's TLS reports it. */
  serial: string;
  meshName: string;
  /** `mesh/<mesh>/virtualNode/<node>` or `mesh/<mesh>/virtualGateway/<gateway>`. */
  proxyId: string;
  /** Epoch milliseconds. */
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

export interface ProxyCertificateStore {
  record(cert: ProxyCertificateRecord): Promise<void>;
  get(serial: string): Promise<ProxyCertificateRecord | undefined>;
  /** Oldest first; only the mesh's when meshName is given. */
  list(filter?: { meshName?: string | undefined }): Promise<ProxyCertificateRecord[]>;
  /** Marks the certificate revoked (a second revoke keeps the first time); undefined when unknown. */
  revoke(serial: string, at: number): Promise<ProxyCertificateRecord | undefined>;
}

const columns = 'serial, mesh_name, proxy_id, issued_at, expires_at, revoked_at';

interface Row {
  serial: string;
  mesh_name: string;
  proxy_id: string;
  issued_at: number | string;
  expires_at: number | string;
  revoked_at: number | string | null;
}

// PostgreSQL's BIGINT comes back as a string; SQLite's INTEGER as a number.
const fromRow = (r: Row): ProxyCertificateRecord => ({
  serial: r.serial,
  meshName: r.mesh_name,
  proxyId: r.proxy_id,
  issuedAt: Number(r.issued_at),
  expiresAt: Number(r.expires_at),
  revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
});

const values = (c: ProxyCertificateRecord) => [c.serial, c.meshName, c.proxyId, c.issuedAt, c.expiresAt, c.revokedAt];

export function sqliteProxyCertificates(db: Database.Database): ProxyCertificateStore {
  db.exec(`CREATE TABLE IF NOT EXISTS proxy_certificates (
    serial TEXT PRIMARY KEY, mesh_name TEXT NOT NULL, proxy_id TEXT NOT NULL,
    issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER
  )`);
  const insert = db.prepare(`INSERT INTO proxy_certificates (${columns}) VALUES (?, ?, ?, ?, ?, ?)`);
  const get = db.prepare<[string], Row>(`SELECT ${columns} FROM proxy_certificates WHERE serial = ?`);
  const all = db.prepare<[], Row>(`SELECT ${columns} FROM proxy_certificates ORDER BY issued_at, serial`);
  const ofMesh = db.prepare<[string], Row>(`SELECT ${columns} FROM proxy_certificates WHERE mesh_name = ? ORDER BY issued_at, serial`);
  const revoke = db.prepare<[number, string]>('UPDATE proxy_certificates SET revoked_at = COALESCE(revoked_at, ?) WHERE serial = ?');
  return {
    record: async (cert) => {
      insert.run(...values(cert));
    },
    get: async (serial) => {
      const row = get.get(serial);
      return row ? fromRow(row) : undefined;
    },
    list: async (filter) => (filter?.meshName === undefined ? all.all() : ofMesh.all(filter.meshName)).map(fromRow),
    revoke: async (serial, at) => {
      revoke.run(at, serial);
      const row = get.get(serial);
      return row ? fromRow(row) : undefined;
    },
  };
}

/** `schema` is the quoted schema name the store's other tables live in. */
export async function postgresProxyCertificates(pool: pg.Pool, schema: string): Promise<ProxyCertificateStore> {
  const table = `${schema}.proxy_certificates`;
  // One transaction under a lock: replicas starting together must not both create the table.
  await pool.query(`SELECT pg_advisory_xact_lock(hashtextextended('meshwright-proxy-certificates:${table}', 0));
  CREATE TABLE IF NOT EXISTS ${table} (
    serial TEXT PRIMARY KEY, mesh_name TEXT COLLATE "C" NOT NULL, proxy_id TEXT NOT NULL,
    issued_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, revoked_at BIGINT
  )`);
  const rows = async (sql: string, params: unknown[]) => (await pool.query<Row>(sql, params)).rows.map(fromRow);
  const get = async (serial: string) => (await rows(`SELECT ${columns} FROM ${table} WHERE serial = $1`, [serial]))[0];
  return {
    record: async (cert) => {
      await pool.query(`INSERT INTO ${table} (${columns}) VALUES ($1, $2, $3, $4, $5, $6)`, values(cert));
    },
    get,
    list: (filter) =>
      filter?.meshName === undefined
        ? rows(`SELECT ${columns} FROM ${table} ORDER BY issued_at, serial`, [])
        : rows(`SELECT ${columns} FROM ${table} WHERE mesh_name = $1 ORDER BY issued_at, serial`, [filter.meshName]),
    revoke: async (serial, at) => {
      const updated = await rows(`UPDATE ${table} SET revoked_at = COALESCE(revoked_at, $1) WHERE serial = $2 RETURNING ${columns}`, [at, serial]);
      return updated[0];
    },
  };
}
