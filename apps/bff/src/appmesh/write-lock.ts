// One writer at a time inside this process: checks (duplicates, references, quotas) and the write
// they guard happen without another write in between.

export interface WriteLock {
  run<T>(fn: () => Promise<T>): Promise<T>;
}

export function createWriteLock(): WriteLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(fn: () => Promise<T>): Promise<T> {
      const result = tail.then(fn, fn);
      // The next writer waits for this one whether it succeeded or failed.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
