// Each replica hears every committed write: LISTEN on a dedicated connection feeds the same
// ChangeEvent the in-process path gives the xDS server, and a resync by change sequence (every few
// seconds and right after the connection comes back) catches whatever was missed while it was down.
import pg from 'pg';
import { resourceKinds } from '@meshwright/model';
import type { ChangeEvent, Logger } from '../deps';
import { changeChannel, meshSequences } from '../store/postgres-changes';

export interface ChangeListenerOptions {
  connectionString: string;
  schema: string;
  onChange: (event: ChangeEvent) => void;
  logger: Logger;
  /** How often sequences are compared (default 2000 ms). */
  resyncMs?: number;
  /** Wait before reconnecting a lost LISTEN connection (default 250 ms). */
  reconnectMs?: number;
}

export interface ChangeListener {
  /** Compares change sequences now; a whole-mesh event for each mesh that moved since the last look. */
  resync(): Promise<void>;
  /** True while the LISTEN connection is up. */
  listening(): boolean;
  stop(): Promise<void>;
}

/** The LISTEN connection's application_name in pg_stat_activity. */
export function listenerApplicationName(schema: string): string {
  return `meshwright-listen:${schema}`.slice(0, 63);
}

const actions = new Set<string>(['create', 'update', 'delete', 'tag']);

/** The NOTIFY payload as a ChangeEvent, or undefined when it is not one (a foreign NOTIFY on the channel). */
export function parseChangePayload(payload: string | undefined): ChangeEvent | undefined {
  let v: unknown;
  try {
    v = JSON.parse(payload ?? '');
  } catch {
    return undefined;
  }
  if (typeof v !== 'object' || v === null) return undefined;
  const { mesh, kind, name, action } = v as Record<string, unknown>;
  if (typeof mesh !== 'string' || typeof name !== 'string' || typeof action !== 'string' || !actions.has(action)) return undefined;
  const k = resourceKinds.find((x) => x === kind);
  return k ? { meshName: mesh, kind: k, name, action: action as ChangeEvent['action'] } : undefined;
}

export async function startChangeListener(options: ChangeListenerOptions): Promise<ChangeListener> {
  const channel = changeChannel(options.schema);
  const pool = new pg.Pool({ connectionString: options.connectionString, max: 1 });
  pool.on('error', () => undefined);
  let seen = await meshSequences(pool, options.schema);
  let client: pg.Client | undefined;
  let stopped = false;

  const resync = async () => {
    const now = await meshSequences(pool, options.schema);
    for (const [mesh, seq] of now) {
      // kind 'mesh' named after the mesh: the whole mesh may have changed.
      if (seen.get(mesh) !== seq) options.onChange({ meshName: mesh, kind: 'mesh', name: mesh, action: 'update' });
    }
    seen = now;
  };
  const safeResync = () => resync().catch((err: unknown) => options.logger.warn('change resync failed', { error: String(err) }));

  const connect = async (): Promise<void> => {
    if (stopped) return;
    // Named so operators (and tests) can find it in pg_stat_activity.
    const c = new pg.Client({ connectionString: options.connectionString, application_name: listenerApplicationName(options.schema) });
    c.on('notification', (m) => {
      const event = m.channel === channel ? parseChangePayload(m.payload) : undefined;
      if (event) options.onChange(event);
    });
    const lost = () => {
      if (client !== c) return;
      client = undefined;
      c.removeAllListeners('error');
      c.on('error', () => undefined);
      void c.end().catch(() => undefined);
      if (stopped) return;
      options.logger.warn('change listener connection lost; reconnecting', { channel });
      setTimeout(() => void connect(), options.reconnectMs ?? 250).unref();
    };
    c.on('error', lost);
    c.on('end', lost);
    client = c;
    try {
      await c.connect();
      await c.query(`LISTEN "${channel}"`);
    } catch (err) {
      options.logger.warn('change listener could not connect', { error: String(err) });
      lost();
      return;
    }
    // Anything committed while we were not listening is in the sequences.
    await safeResync();
  };

  await connect();
  const timer = setInterval(() => void safeResync(), options.resyncMs ?? 2000);
  timer.unref();
  return {
    resync,
    listening: () => client !== undefined,
    async stop() {
      stopped = true;
      clearInterval(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
