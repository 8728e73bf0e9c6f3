// Sync status shared through PostgreSQL: each replica writes its proxies' status (connected, versions
// sent and ACKed, NACK messages) with a heartbeat every second; the console's sync endpoints answer the
// union over replicas, so any replica shows every proxy. Rows whose heartbeat is older than the timeout
// belong to a replica that died: they no longer count as connected.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Logger } from '../deps';
import type { NodeRef } from '../xds/node-id';
import { nodeKey, proxyKindOf } from '../xds/node-id';
import type { XdsControlPlane } from '../xds/control-plane';
import type { ProxyStatus } from '../xds/sync-status';

export interface SharedProxyStatus extends ProxyStatus {
  /** The replica this proxy's stream is on. */
  replicaId: string;
}

export interface SharedSyncStatus {
  replicaId: string;
  /** Connected proxies of a node or gateway over every live replica. */
  proxiesOf(ref: NodeRef): Promise<SharedProxyStatus[]>;
  /** Nodes and gateways of the mesh with a proxy on some replica (alive or not, until their rows are cleared). */
  nodesOf(meshName: string): Promise<NodeRef[]>;
  /** Writes this replica's rows now (also done every second). */
  publish(): Promise<void>;
  stop(): Promise<void>;
}

export interface SharedSyncOptions {
  connectionString: string;
  schema: string;
  core: XdsControlPlane;
  logger: Logger;
  replicaId?: string;
  /** A row older than this is a dead replica's (default 10 s). */
  timeoutSeconds?: number;
  intervalMs?: number;
}

export function defaultReplicaId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

export async function startSharedSyncStatus(options: SharedSyncOptions): Promise<SharedSyncStatus> {
  const s = `"${options.schema}"`;
  const replicaId = options.replicaId ?? defaultReplicaId();
  const timeout = options.timeoutSeconds ?? 10;
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 2 });
  pool.on('error', () => undefined);
  // The table is the store's migration 3 (store/postgres-proxy-status.ts), applied when the store opened.
  // The nodes this replica has served a proxy of: every push names its node.
  const refs = new Map<string, NodeRef>();
  options.core.events.on('push', (e) => refs.set(nodeKey(e.ref), e.ref));

  const publish = async () => {
    const proxies = [...refs.values()].flatMap((ref) => options.core.status.proxyStatus(ref).proxies.map((p) => ({ ref, p })));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`DELETE FROM ${s}.proxy_status WHERE replica_id = $1 AND NOT (stream_id = ANY($2))`, [replicaId, proxies.map((x) => x.p.streamId)]);
      for (const { ref, p } of proxies) {
        await client.query(
          `INSERT INTO ${s}.proxy_status (replica_id, stream_id, mesh_name, proxy_kind, node_name, status) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (replica_id, stream_id) DO UPDATE SET status = EXCLUDED.status, proxy_kind = EXCLUDED.proxy_kind, heartbeat_at = now()`,
          [replicaId, p.streamId, ref.meshName, proxyKindOf(ref), ref.nodeName, JSON.stringify(p)],
        );
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    for (const [key, ref] of refs) if (options.core.status.proxyStatus(ref).proxies.length === 0) refs.delete(key);
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    publish()
      .catch((err: unknown) => options.logger.warn('sync status publish failed', { error: String(err) }))
      .finally(() => (busy = false));
  }, options.intervalMs ?? 1000);
  timer.unref();

  return {
    replicaId,
    async proxiesOf(ref) {
      const result = await pool.query<{ replica_id: string; status: string }>(
        `SELECT replica_id, status FROM ${s}.proxy_status
         WHERE mesh_name = $1 AND proxy_kind = $2 AND node_name = $3 AND heartbeat_at > now() - make_interval(secs => $4) ORDER BY replica_id, stream_id`,
        [ref.meshName, proxyKindOf(ref), ref.nodeName, timeout],
      );
      return result.rows.map((r) => ({ ...(JSON.parse(r.status) as ProxyStatus), replicaId: r.replica_id }));
    },
    async nodesOf(meshName) {
      const result = await pool.query<{ proxy_kind: string; node_name: string }>(
        `SELECT DISTINCT proxy_kind, node_name FROM ${s}.proxy_status WHERE mesh_name = $1 ORDER BY node_name`,
        [meshName],
      );
      return result.rows.map((r) => (r.proxy_kind === 'virtualGateway' ? { meshName, nodeName: r.node_name, kind: 'virtualGateway' } : { meshName, nodeName: r.node_name }));
    },
    publish,
    async stop() {
      clearInterval(timer);
      // Leaving cleanly: this replica's proxies are gone now, not after the timeout.
      await pool.query(`DELETE FROM ${s}.proxy_status WHERE replica_id = $1`, [replicaId]).catch(() => undefined);
      await pool.end();
    },
  };
}
