// One writer at a time per scope: checks (duplicates, references, quotas) and the write they guard
// happen without another write in between. In one process (SQLite) a queue does it; on PostgreSQL the
// store supplies a lock the database holds (store/postgres-write-lock.ts), so it holds across replicas.

/** What a write may change: one mesh, plus account-wide checks (meshes per account) when `account`. */
export interface WriteScope {
  meshName: string;
  account?: boolean;
}

export interface WriteLock {
  run<T>(scope: WriteScope, fn: () => Promise<T>): Promise<T>;
  /** Runs `cb` once the write in progress is durable: at once in-process, after COMMIT on PostgreSQL. */
  afterCommit(cb: () => void): void;
}

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    // One queue for every scope: a single process has no need for finer locks.
    run<T>(_scope: WriteScope, fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn, fn);
      // The next writer waits for this one whether it succeeded or failed.
      tail = result.catch(() => undefined);
      return result;
    },
    afterCommit: (cb) => cb(),
  };
}
