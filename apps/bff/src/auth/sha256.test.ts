import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { hmacKey, hmacSha256 } from './sha256';

test('hmacSha256 gives the bytes of node:crypto HMAC-SHA-256 for short, long and non-ASCII messages and any key length', () => {
  const messages = ['', 'AWS4-HMAC-SHA256\n20261202T120000Z\n20261202/eu-west-1/appmesh/aws4_request\nabc', 'é€😀 mixed', 'x'.repeat(5000)];
  for (const length of [0, 1, 32, 63, 64, 65, 200]) {
    const key = randomBytes(length);
    const padded = hmacKey(key);
    for (const message of messages) {
      assert.equal(hmacSha256(padded, message).toString('hex'), createHmac('sha256', key).update(message).digest('hex'), `key ${length} bytes, message ${message.length} chars`);
    }
  }
});

test('a MAC stays the same after the key has made others', () => {
  const padded = hmacKey(randomBytes(32));
  const first = hmacSha256(padded, 'one');
  const again = Buffer.from(first);
  hmacSha256(padded, 'two');
  assert.deepEqual(first, again);
});
