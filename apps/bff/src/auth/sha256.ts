// SHA-256 and HMAC-SHA-256 from node:crypto in the shape @smithy/signature-v4 takes (its `sha256`
// constructor): no extra hashing package, and OpenSSL's speed.
import { createHash, createHmac, hash, type Hash as NodeHash, type Hmac } from 'node:crypto';
import type { Hash, SourceData } from '@smithy/types';

const bytes = (data: SourceData): Uint8Array | string =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

export class NodeSha256 implements Hash {
  private hash: NodeHash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): NodeHash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/** One-shot (crypto.hash): no Hash object per call. */
export const sha256Hex = (data: Uint8Array | string): string => hash('sha256', data, 'hex');

/** An HMAC-SHA-256 key as its two padded blocks (RFC 2104), so each MAC is two one-shot hashes. */
export interface HmacKey {
  inner: Buffer;
  outer: Buffer;
}

const BLOCK = 64;
/** Keys up to the block size (a SigV4 signing key is 32 bytes); a longer one is hashed first, as RFC 2104 says. */
export function hmacKey(key: Uint8Array): HmacKey {
  const k = key.length > BLOCK ? hash('sha256', key, 'buffer') : key;
  const inner = Buffer.alloc(BLOCK, 0x36);
  const outer = Buffer.alloc(BLOCK + 32, 0);
  outer.fill(0x5c, 0, BLOCK);
  for (let i = 0; i < k.length; i++) {
    inner[i] = (inner[i] ?? 0) ^ (k[i] ?? 0);
    outer[i] = (outer[i] ?? 0) ^ (k[i] ?? 0);
  }
  return { inner, outer };
}

/** Room for the inner block and the message; grown for a longer message. Used synchronously only. */
let scratch = Buffer.allocUnsafe(1024);

/**
 * HMAC-SHA-256 of `message` as UTF-8 (a SigV4 string to sign): the same bytes as
 * createHmac('sha256', key).update(message).digest(), without a Hmac object and its key per call.
 */
export function hmacSha256(key: HmacKey, message: string): Buffer {
  // A UTF-16 code unit is at most 3 bytes of UTF-8.
  if (scratch.length < BLOCK + message.length * 3) scratch = Buffer.allocUnsafe(BLOCK + message.length * 3);
  key.inner.copy(scratch, 0);
  const n = scratch.write(message, BLOCK, 'utf8');
  const innerHash = hash('sha256', scratch.subarray(0, BLOCK + n), 'buffer');
  innerHash.copy(key.outer, BLOCK);
  return hash('sha256', key.outer, 'buffer');
}
