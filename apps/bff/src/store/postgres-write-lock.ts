// Writes serialised by PostgreSQL, not by the process: a write's checks and its commit run in one
// transaction that first takes transaction-scoped advisory locks (the account key for mesh creation
// and other account-wide checks, then the mesh's key). Every replica on the database queues on the same
// locks, and they are released by COMMIT, ROLLBACK or the connection dying: never left behind.
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';
import type { WriteLock, WriteScope } from '../appmesh/write-lock';

/** The transaction a write runs in; the store's queries inside `run` go through its client. */
export interface WriteTransaction {
  client: pg.PoolClient;
  afterCommit: (() => void)[];
}

export interface PostgresWriteLock extends WriteLock {
  /** The transaction of the write running in this async context, if any. */
  current(): WriteTransaction | undefined;
}

/** Lock keys are texts hashed to bigints; the schema is part of them so separate schemas never contend. */
export function lockKeys(schema: string, scope: WriteScope): string[] {
  return [...(scope.account ? [`meshwright:${schema}:account`] : []), `meshwright:${schema}:mesh:${scope.meshName}`];
}

export function postgresWriteLock(pool: pg.Pool, schema: string): PostgresWriteLock {
  const context = new AsyncLocalStorage<WriteTransaction>();
  return {
    current: () => context.getStore(),
    async run<T>(scope: WriteScope, fn: () => Promise<T>): Promise<T> {
      const nested = context.getStore();
      if (nested) return fn();
      const client = await pool.connect();
      const tx: WriteTransaction = { client, afterCommit: [] };
      let result: T;
      try {
        await client.query('BEGIN');
        // Always in the same order (account before mesh), so two writers never deadlock.
        for (const key of lockKeys(schema, scope)) await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
        result = await context.run(tx, fn);
        await client.query('COMMIT');
      } catch (err) {
        const rolledBack = await client.query('ROLLBACK').then(() => true, () => false);
        // A connection that cannot roll back is broken: destroy it rather than return it to the pool.
        client.release(!rolledBack);
        throw err;
      }
      client.release();
      for (const cb of tx.afterCommit) cb();
      return result;
    },
    afterCommit(cb) {
      const tx = context.getStore();
      if (tx) tx.afterCommit.push(cb);
      else cb();
    },
  };
}
