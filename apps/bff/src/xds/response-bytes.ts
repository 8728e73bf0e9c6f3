// The wire bytes of state-of-the-world DiscoveryResponses, shared across streams. One change sends the
// same resources at the same version to every proxy of a node, and often to many nodes (a route
// config every caller of a service gets): the resources are encoded once per distinct response, and
// each stream only adds its own nonce. The bytes are those the generic serializer writes, field for field.
import type protobuf from 'protobufjs';
import { MESSAGE_PREFIX_BYTES, writePrefix } from '../grpc/message-frames';
import type { EncodedAny } from './any-encoder';
import type { EnvoyTypes } from './protos';
import type { DiscoveryResponse } from './xds-messages';

/** DiscoveryResponse.nonce is field 5, length-delimited: (5 << 3) | 2. */
const NONCE_TAG = 0x2a;

interface Parts {
  resources: readonly EncodedAny[];
  /** Fields 1 (version_info), 2 (resources) and 4 (type_url): everything before the nonce. */
  head: Buffer;
  /** Field 6 (control_plane): everything after it. */
  tail: Buffer;
}

export class DiscoveryResponseBytes {
  private readonly type: protobuf.Type;
  private readonly parts = new Map<string, Parts>();
  private bytes = 0;

  constructor(types: EnvoyTypes, private readonly maxBytes = 32 * 1024 * 1024) {
    this.type = types.type('envoy.service.discovery.v3.DiscoveryResponse');
  }

  /** The encoded response; its resources are encoded again only when no earlier response had the same ones. */
  encode(response: DiscoveryResponse): Buffer {
    return this.write(response, 0);
  }

  /**
   * The response as one gRPC message on the wire: the 5-byte prefix (not compressed, big-endian length)
   * and the message, written into one buffer, so a push copies the shared bytes once, not twice.
   */
  encodeFramed(response: DiscoveryResponse): Buffer {
    return this.write(response, MESSAGE_PREFIX_BYTES);
  }

  private write(response: DiscoveryResponse, prefix: number): Buffer {
    const parts = this.partsOf(response);
    const nonceBytes = Buffer.byteLength(response.nonce, 'utf8');
    const length = parts.head.length + 1 + varintLength(nonceBytes) + nonceBytes + parts.tail.length;
    const out = Buffer.allocUnsafe(prefix + length);
    if (prefix > 0) writePrefix(out, length);
    let at = prefix;
    at += parts.head.copy(out, at);
    out[at++] = NONCE_TAG;
    at = writeVarint(out, at, nonceBytes);
    at += out.write(response.nonce, at, 'utf8');
    parts.tail.copy(out, at);
    return out;
  }

  private partsOf(response: DiscoveryResponse): Parts {
    // The version names the content, but the same content may come in another order: the very same
    // Any objects (the encode cache hands out one per content) in the same order make the same bytes.
    const key = `${response.type_url}\n${response.version_info}\n${response.control_plane.identifier}`;
    const hit = this.parts.get(key);
    if (hit && sameAnys(hit.resources, response.resources)) {
      this.parts.delete(key);
      this.parts.set(key, hit);
      return hit;
    }
    const head = this.encodeFields({ version_info: response.version_info, resources: response.resources, type_url: response.type_url });
    const tail = this.encodeFields({ control_plane: response.control_plane });
    const parts = { resources: response.resources, head, tail };
    if (hit) this.forget(key, hit);
    this.parts.set(key, parts);
    this.bytes += head.length + tail.length;
    for (const [oldKey, old] of this.parts) {
      if (this.bytes <= this.maxBytes) break;
      this.forget(oldKey, old);
    }
    return parts;
  }

  private forget(key: string, parts: Parts): void {
    this.parts.delete(key);
    this.bytes -= parts.head.length + parts.tail.length;
  }

  private encodeFields(fields: Partial<DiscoveryResponse>): Buffer {
    return Buffer.from(this.type.encode(this.type.fromObject(fields)).finish());
  }
}

function sameAnys(a: readonly EncodedAny[], b: readonly EncodedAny[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}

/** A protobuf varint (lengths, tags). */
export function varint(n: number): Buffer {
  const out = Buffer.allocUnsafe(varintLength(n));
  writeVarint(out, 0, n);
  return out;
}

function varintLength(n: number): number {
  let bytes = 1;
  for (let v = n; v > 0x7f; v >>>= 7) bytes++;
  return bytes;
}

/** Writes `n` as a varint at `at`; returns the offset after it. */
function writeVarint(out: Buffer, at: number, n: number): number {
  let v = n;
  let i = at;
  while (v > 0x7f) {
    out[i++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[i++] = v;
  return i;
}
