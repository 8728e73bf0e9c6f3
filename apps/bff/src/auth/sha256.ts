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
