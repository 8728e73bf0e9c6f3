import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AccessLogStore } from './access-log-store';
import { SLOT_MS, TrafficWindowStore } from './window-store';

const front = { kind: 'virtualNode' as const, name: 'front' };

test('the window sums the slots inside it and forgets what is older than 15 minutes', () => {
  let now = 1_000 * SLOT_MS;
  const store = new TrafficWindowStore({ now: () => now });
  store.add('shop', front, 'c', { requests: 5, status: { '2xx': 5 }, latency: [{ upperBound: 1, cumulativeCount: 5 }] });
  now += 6 * SLOT_MS;
  store.add('shop', front, 'c', { requests: 7, status: { '5xx': 7 } });
  assert.equal(store.scopes('shop', 60_000)[0]?.requests, 7, 'the first flush is 70 s old');
  assert.equal(store.scopes('shop', 300_000)[0]?.requests, 12);
  assert.deepEqual(store.scopes('shop', 300_000)[0]?.latency, [{ upperBound: 1, cumulativeCount: 5 }]);
  now += 90 * SLOT_MS;
  assert.equal(store.scopes('shop', 900_000)[0]?.requests, 0, 'older than the window');
  assert.deepEqual(store.scopes('other', 900_000), []);
});

test('series beyond the cap are dropped and counted, access-log rings keep the newest lines', () => {
  const store = new TrafficWindowStore({ maxSeries: 2 });
  for (const c of ['a', 'b', 'c']) store.add('shop', front, c, { requests: 1 });
  assert.equal(store.seriesCount, 2);
  assert.equal(store.droppedSeries, 1);
  const logs = new AccessLogStore(3);
  for (const status of [200, 503, 200, 504, 200]) logs.add('shop', front, { time: '', method: 'GET', authority: '', path: `/${status}`, status, durationMs: 1, upstreamCluster: '' });
  assert.deepEqual(logs.recent('shop', front, 10).map((l) => l.status), [200, 504, 200]);
  assert.deepEqual(logs.recent('shop', front, 10, '5xx').map((l) => l.status), [504]);
  assert.deepEqual(logs.recent('shop', front, 10, '200').length, 2);
});
