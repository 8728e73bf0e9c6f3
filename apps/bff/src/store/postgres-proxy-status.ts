// The shared sync-status table (replicas/shared-sync-status.ts writes it): one row per proxy stream,
// keyed for lookups by mesh, proxy kind and name, so a virtual node and a virtual gateway of one name
// are different proxies, as everywhere else (xds/node-id.ts nodeKey). Migration 3.
export function proxyStatusTableSql(schema: string): string {
  const s = `"${schema}"`;
  return `
    CREATE TABLE IF NOT EXISTS ${s}.proxy_status (
      replica_id TEXT NOT NULL, stream_id TEXT NOT NULL, mesh_name TEXT COLLATE "C" NOT NULL,
      proxy_kind TEXT NOT NULL DEFAULT 'virtualNode', node_name TEXT COLLATE "C" NOT NULL,
      status TEXT NOT NULL, heartbeat_at TIMESTAMPTZ NOT NULL DEFAULT now(), PRIMARY KEY (replica_id, stream_id)
    );
    -- Made by a replica before this migration (it created the table itself, without the kind).
    ALTER TABLE ${s}.proxy_status ADD COLUMN IF NOT EXISTS proxy_kind TEXT NOT NULL DEFAULT 'virtualNode';
    -- Their gateways' rows are told by the node id the proxy sent (mesh/<m>/virtualGateway/<g> or its ARN).
    UPDATE ${s}.proxy_status SET proxy_kind = 'virtualGateway'
      WHERE proxy_kind = 'virtualNode' AND (status::json ->> 'nodeId') ~ '/virtualGateway/[^/]+$';
    CREATE INDEX IF NOT EXISTS proxy_status_by_proxy ON ${s}.proxy_status (mesh_name, proxy_kind, node_name);`;
}
