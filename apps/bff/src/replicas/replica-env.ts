// What a replica reads from the environment besides server.ts's basics: the PostgreSQL schema
// (DATABASE_SCHEMA, for several deployments or test runs in one database) and the proxy ports its
// ADS compile uses (PROXY_INGRESS_PORT, PROXY_EGRESS_PORT, PROXY_LISTENER_ADDRESS; the model's defaults otherwise).
import type { CompileOptions } from '@meshwright/model';

export interface ReplicaEnv {
  schema: string | undefined;
  compileOptions: CompileOptions;
  /** XDS_ADDRESSES=host:port,host:port: every replica's xDS, listed in the ADS bootstraps handed out. */
  xdsAddresses: { host: string; port: number }[];
  /** REPLICA_ID (default host-pid-random) and SYNC_STATUS_TIMEOUT_SECONDS (default 10): a replica silent that long is dead. */
  sync: { replicaId?: string; timeoutSeconds?: number };
}

function portOf(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a port number (1-65535)`);
  return n;
}

/** `host:port,host:port` (a host may be a DNS name resolving to several replicas). */
export function parseXdsAddresses(raw: string | undefined): { host: string; port: number }[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((part) => {
    const m = /^\s*([^\s:]+):(\d{1,5})\s*$/.exec(part);
    const port = Number(m?.[2]);
    if (!m?.[1] || !(port >= 1 && port <= 65535)) throw new Error(`XDS_ADDRESSES: "${part}" is not host:port (e.g. XDS_ADDRESSES=10.0.0.1:18000,10.0.0.2:18000)`);
    return { host: m[1], port };
  });
}

/** Throws with a message naming the variable when one is malformed. */
export function readReplicaEnv(env: NodeJS.ProcessEnv): ReplicaEnv {
  const schema = env.DATABASE_SCHEMA || undefined;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`DATABASE_SCHEMA=${schema} is not a lower-case SQL identifier`);
  const ingress = portOf(env, 'PROXY_INGRESS_PORT');
  const egress = portOf(env, 'PROXY_EGRESS_PORT');
  const listenerAddress = env.PROXY_LISTENER_ADDRESS || undefined;
  const ports = { ...(ingress ? { ingress } : {}), ...(egress ? { egress } : {}) };
  const timeoutRaw = env.SYNC_STATUS_TIMEOUT_SECONDS;
  const timeoutSeconds = timeoutRaw ? Number(timeoutRaw) : undefined;
  if (timeoutSeconds !== undefined && !(Number.isInteger(timeoutSeconds) && timeoutSeconds > 0)) throw new Error(`SYNC_STATUS_TIMEOUT_SECONDS=${timeoutRaw} is not a positive whole number`);
  return {
    schema,
    xdsAddresses: parseXdsAddresses(env.XDS_ADDRESSES),
    sync: { ...(env.REPLICA_ID ? { replicaId: env.REPLICA_ID } : {}), ...(timeoutSeconds ? { timeoutSeconds } : {}) },
    compileOptions: { ...(Object.keys(ports).length > 0 ? { ports } : {}), ...(listenerAddress ? { listenerAddress } : {}) },
  };
}
