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

// Envoy picks a weighted cluster at random per request, so a measured split is a binomial sample:
// over 2,000 requests at 80/20 one standard deviation is 0.9 points. A fixed "within 3 points" bound
// is 3.35 standard deviations, which a fair pick misses about once in 1,200 runs (it failed once under
// load: 1661 of 2000). Five standard deviations (4.5 points here) fails by chance about once in 1.7
// million runs and still catches every real mistake (50/50, 100/0, weights swapped).

/** Only the upstreams in `shares` answered, each with the share a fair weighted pick gives (within 5σ). */
export function assertShares(counts: ReadonlyMap<string, number>, shares: Record<string, number>): void {
  const total = [...counts.values()].reduce((n, c) => n + c, 0);
  const named = Object.keys(shares).reduce((n, name) => n + (counts.get(name) ?? 0), 0);
  assert.equal(named, total, JSON.stringify([...counts]));
  for (const [name, share] of Object.entries(shares)) {
    const got = counts.get(name) ?? 0;
    const bound = 5 * Math.sqrt(total * share * (1 - share));
    assert.ok(Math.abs(got - total * share) <= bound, `${name} got ${got} of ${total}; a ${share * 100}% weight gives ${total * share} ± ${bound.toFixed(0)} (5σ)`);
  }
}
