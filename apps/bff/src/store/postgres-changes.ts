// Change fan-out on PostgreSQL: a trigger on the resources table bumps the mesh's change sequence
// and NOTIFYs the keys of the changed row (never its document: NOTIFY payloads stop at 8000 bytes).
// Notifications are delivered on COMMIT only, so a listener never hears of a rolled-back write.
import type pg from 'pg';

/** The NOTIFY channel of a schema: `meshwright_changes` in public, suffixed elsewhere so test schemas never cross-talk. */
export function changeChannel(schema: string): string {
  return schema === 'public' ? 'meshwright_changes' : `meshwright_changes_${schema}`;
}

/** The trigger and the sequence table: migration 2 (postgres-migrations.ts). Idempotent. */
export function changeTriggerSql(schema: string): string {
  const s = `"${schema}"`;
  const channel = changeChannel(schema);
  return `
    CREATE TABLE IF NOT EXISTS ${s}.mesh_changes (mesh_name TEXT COLLATE "C" PRIMARY KEY, seq BIGINT NOT NULL);
    CREATE OR REPLACE FUNCTION ${s}.meshwright_notify_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
    DECLARE
      r RECORD;
    BEGIN
      IF TG_OP = 'DELETE' THEN r := OLD; ELSE r := NEW; END IF;
      INSERT INTO ${s}.mesh_changes (mesh_name, seq) VALUES (r.mesh_name, 1)
        ON CONFLICT (mesh_name) DO UPDATE SET seq = ${s}.mesh_changes.seq + 1;
      PERFORM pg_notify('${channel}', json_build_object(
        'mesh', r.mesh_name,
        'kind', r.kind,
        'name', CASE WHEN r.parent_name = '' THEN r.name ELSE r.parent_name || '/' || r.name END,
        'action', CASE TG_OP WHEN 'INSERT' THEN 'create' WHEN 'UPDATE' THEN 'update' ELSE 'delete' END
      )::text);
      RETURN NULL;
    END
    $fn$;
    DROP TRIGGER IF EXISTS resources_notify_change ON ${s}.resources;
    CREATE TRIGGER resources_notify_change AFTER INSERT OR UPDATE OR DELETE ON ${s}.resources
      FOR EACH ROW EXECUTE FUNCTION ${s}.meshwright_notify_change();`;
}

/** Every mesh's change sequence: what the periodic resync compares. */
export async function meshSequences(db: pg.Pool | pg.Client, schema: string): Promise<Map<string, string>> {
  const result = await db.query<{ mesh_name: string; seq: string }>(`SELECT mesh_name, seq FROM "${schema}".mesh_changes`);
  return new Map(result.rows.map((r) => [r.mesh_name, r.seq]));
}
