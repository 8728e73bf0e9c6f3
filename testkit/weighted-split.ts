// Test support: the weighted-routing proof the Envoy data-plane tests share: many requests through a
// real Envoy, counted by which upstream answered (the echo upstreams answer with their name).
import assert from 'node:assert/strict';
import type { Reply } from './upstreams';

/**
 * Sends `total` requests, `batch` at a time, through `send` (given each request's index from 0), each
 * of which must answer 200; returns how many answers each body gave.
 */
export async function countAnswers(total: number, batch: number, send: (index: number) => Promise<Reply>): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (let start = 0; start < total; start += batch) {
    const replies = await Promise.all(Array.from({ length: Math.min(batch, total - start) }, (_, i) => send(start + i)));
    for (const r of replies) {
      assert.equal(r.status, 200, r.body);
      counts.set(r.body, (counts.get(r.body) ?? 0) + 1);
    }
  }
  return counts;
}

/** Only the upstreams in `shares` answered, each with its share of the answers within `points` (0.03: 3 points). */
export function assertShares(counts: ReadonlyMap<string, number>, shares: Record<string, number>, points: number): void {
  const total = [...counts.values()].reduce((n, c) => n + c, 0);
  const named = Object.keys(shares).reduce((n, name) => n + (counts.get(name) ?? 0), 0);
  assert.equal(named, total, JSON.stringify([...counts]));
  for (const [name, share] of Object.entries(shares)) {
    const got = counts.get(name) ?? 0;
    assert.ok(Math.abs(got / total - share) <= points, `${name} got ${got} of ${total}`);
  }
}
