// Per key, at most one run at a time: calls during a run fold into one more run after it, so the
// last call is always followed by a run that sees its data, and a burst of N calls costs two runs.
// A run that finishes without awaiting anything (e.g. its data was handed in) completes inside trigger:
// nothing is deferred between the call and the work.
export class Coalescer {
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();

  constructor(private readonly run: (key: string) => Promise<void> | void) {}

  trigger(key: string): Promise<void> {
    const running = this.running.get(key);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await this.run(key);
        } while (entry.again);
      } finally {
        this.running.delete(key);
      }
    })();
    this.running.set(key, entry);
    return entry.done;
  }
}
