// Picks the store from configuration: PostgreSQL when DATABASE_URL says postgres, else SQLite in DATA_DIR.
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './types';

export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string | undefined;
  /** PostgreSQL schema; 'public' when absent. */
  schema?: string | undefined;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export async function openStore(config: StoreConfig): Promise<Store> {
  if (isPostgresUrl(config.databaseUrl)) {
    return openPostgresStore({ connectionString: config.databaseUrl, ...(config.schema ? { schema: config.schema } : {}) });
  }
  return openSqliteStore({ dataDir: config.dataDir });
}
