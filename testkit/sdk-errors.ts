// Test support: asserting the App Mesh error class the AWS SDK decoded from a response.
import assert from 'node:assert/strict';

export type ErrorClass = new (...args: never[]) => Error;

/** The promise rejects with an instance of `cls` (by class and by name) whose message matches. */
export async function rejectsWith(p: Promise<unknown>, cls: ErrorClass, message: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof cls, `expected ${cls.name}, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
    assert.equal(err.name, cls.name);
    assert.match(err.message, message);
    return true;
  });
}
