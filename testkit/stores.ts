// Test support: the stores every BFF API suite runs against: SQLite in a temp dir, and PostgreSQL in a fresh schema.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { dropPostgresSchema, openPostgresStore } from '../apps/bff/src/store/postgres-store';
import { openSqliteStore } from '../apps/bff/src/store/sqlite-store';
import type { Store } from '../apps/bff/src/store/types';

export interface OpenedStore {
  store: Store;
  /** The SQLite store's folder (tests read its files to prove what is stored in the clear). */
  dataDir?: string;
  /** Closes the store and removes its data. */
  dispose: () => Promise<void>;
}

export interface StoreVariant {
  name: 'sqlite' | 'postgres';
  open: () => Promise<OpenedStore>;
}

export const pgSetupHint =
  'TEST_DATABASE_URL is not set, so the PostgreSQL variant cannot run. Set it, e.g. ' +
  'TEST_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/postgres ' +
  '(locally, as root: `service postgresql start`, then give the postgres user the password postgres with ALTER USER).';

export const sqliteVariant: StoreVariant = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'mw-bff-'));
    const store = openSqliteStore({ dataDir: dir });
    return {
      store,
      dataDir: dir,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const postgresVariant: StoreVariant = {
  name: 'postgres',
  async open() {
    const url = process.env.TEST_DATABASE_URL;
    // Fail, not skip: a suite that silently skips proves nothing.
    if (!url) throw new Error(pgSetupHint);
    const schema = `mw_test_${randomBytes(6).toString('hex')}`;
    const store = await openPostgresStore({ connectionString: url, schema });
    return {
      store,
      dispose: async () => {
        await store.close();
        await dropPostgresSchema(url, schema);
      },
    };
  },
};

export const storeVariants: readonly StoreVariant[] = [sqliteVariant, postgresVariant];

/**
 * Runs a suite once per store. Without TEST_DATABASE_URL the PostgreSQL run is one failing test that
 * says how to set it: failing, not skipping, and without a cascade of cancelled tests.
 */
export function forEachStore(suite: (variant: StoreVariant) => void, title = 'suite'): void {
  for (const variant of storeVariants) {
    if (variant.name === 'postgres' && !process.env.TEST_DATABASE_URL) {
      test(`${title} (postgres): TEST_DATABASE_URL is required`, () => {
        throw new Error(pgSetupHint);
      });
      continue;
    }
    suite(variant);
  }
}
