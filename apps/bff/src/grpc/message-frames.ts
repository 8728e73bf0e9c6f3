// gRPC's length-prefixed messages on an HTTP/2 stream: a flag byte (1: compressed), a 4-byte big-endian
// length, the message. DATA frames cut them anywhere, so the reader keeps what a chunk leaves over.
import { gunzipSync, inflateSync } from 'node:zlib';

export class FrameError extends Error {
  constructor(
    readonly code: 'RESOURCE_EXHAUSTED' | 'INTERNAL' | 'UNIMPLEMENTED',
    message: string,
  ) {
    super(message);
  }
}

/** Bytes before each message: the compressed flag and the big-endian length. */
export const MESSAGE_PREFIX_BYTES = 5;
const HEADER = MESSAGE_PREFIX_BYTES;

/** Reads messages out of a stream's chunks; `encoding` is the request's grpc-encoding. */
export class MessageReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly encoding: string,
  ) {}

  /** The whole messages the chunk completes (usually the chunk itself, less its header: no copy). */
  push(chunk: Buffer): Buffer[] {
    let buf = chunk;
    if (this.pendingBytes > 0) {
      this.pending.push(chunk);
      buf = Buffer.concat(this.pending, this.pendingBytes + chunk.length);
      this.pending = [];
      this.pendingBytes = 0;
    }
    const out: Buffer[] = [];
    let pos = 0;
    while (buf.length - pos >= HEADER) {
      const compressed = buf[pos] ?? 0;
      const length = buf.readUInt32BE(pos + 1);
      if (length > this.maxBytes) throw new FrameError('RESOURCE_EXHAUSTED', `Received message larger than max (${length} vs. ${this.maxBytes})`);
      if (buf.length - pos - HEADER < length) break;
      const message = buf.subarray(pos + HEADER, pos + HEADER + length);
      out.push(compressed === 0 ? message : this.decompress(message, compressed));
      pos += HEADER + length;
    }
    if (pos < buf.length) {
      const rest = buf.subarray(pos);
      this.pending.push(rest);
      this.pendingBytes = rest.length;
    }
    return out;
  }

  /** Bytes of a message not yet complete: a stream that ends with some was cut short. */
  get partial(): number {
    return this.pendingBytes;
  }

  private decompress(message: Buffer, flag: number): Buffer {
    if (flag !== 1) throw new FrameError('INTERNAL', `invalid compressed-flag ${flag}`);
    const options = { maxOutputLength: this.maxBytes };
    try {
      if (this.encoding === 'gzip') return gunzipSync(message, options);
      if (this.encoding === 'deflate') return inflateSync(message, options);
    } catch (err) {
      throw new FrameError(/buffer/i.test(String(err)) ? 'RESOURCE_EXHAUSTED' : 'INTERNAL', `could not decompress the message: ${(err as Error).message}`);
    }
    throw new FrameError('UNIMPLEMENTED', `compressed message with grpc-encoding "${this.encoding}", which this server does not decode`);
  }
}

/** Writes an uncompressed message's prefix at the start of `out`, for a message of `length` bytes after it. */
export function writePrefix(out: Buffer, length: number): void {
  out[0] = 0;
  out.writeUInt32BE(length, 1);
}

/** One message with its prefix, in one buffer (one DATA frame's worth of writes). */
export function frame(message: Buffer): Buffer {
  const out = Buffer.allocUnsafe(HEADER + message.length);
  writePrefix(out, message.length);
  message.copy(out, HEADER);
  return out;
}
