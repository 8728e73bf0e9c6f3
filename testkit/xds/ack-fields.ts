// Test support: state-of-the-world responses read only as far as an ACK needs (version_info, type_url,
// nonce), with the bytes as received kept for whoever wants the rest. The fan-out benchmark's simulated
// proxies stand in for Envoys on other machines: decoding every resource of every response on the
// benchmark's own two cores would measure them instead of the control plane.
import { adsServiceDefinition } from '../../apps/bff/src/xds/protos';
import { varint } from '../../apps/bff/src/xds/response-bytes';
import type { DiscoveryRequest, DiscoveryResponse } from '../../apps/bff/src/xds/xds-messages';

export interface AckFields {
  version_info: string;
  type_url: string;
  nonce: string;
  /** The whole response as it came over the wire. */
  bytes: Buffer;
}

/** DiscoveryResponse field numbers: version_info 1, type_url 4, nonce 5 (all strings). */
const WANTED: Record<number, 'version_info' | 'type_url' | 'nonce'> = { 1: 'version_info', 4: 'type_url', 5: 'nonce' };

/** Reads the three strings an ACK answers with; every other field (the resources) is skipped unread. */
export function readAckFields(bytes: Buffer): AckFields {
  const out: AckFields = { version_info: '', type_url: '', nonce: '', bytes };
  let at = 0;
  const readVarint = (): number => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[at++];
      if (b === undefined) throw new Error('truncated DiscoveryResponse');
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return v;
    }
  };
  while (at < bytes.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) readVarint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const length = readVarint();
      const name = WANTED[field];
      if (name) out[name] = bytes.toString('utf8', at, at + length);
      at += length;
    } else throw new Error(`DiscoveryResponse: unexpected wire type ${wire}`);
  }
  return out;
}

let fullDecoder: ((bytes: Buffer) => DiscoveryResponse) | undefined;

/** The response decoded in full, as a client with the generic deserializer would have it. */
export function decodeInFull(r: AckFields): DiscoveryResponse {
  if (!fullDecoder) {
    const def = adsServiceDefinition().StreamAggregatedResources;
    if (!def) throw new Error('ADS service has no StreamAggregatedResources');
    fullDecoder = (bytes) => def.responseDeserialize(bytes) as DiscoveryResponse;
  }
  return fullDecoder(r.bytes);
}

/** DiscoveryRequest field numbers of what an ACK carries: version_info 1, resource_names 3, type_url 4, response_nonce 5. */
function stringField(field: number, value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  return [varint(field * 8 + 2), varint(bytes.length), bytes];
}

/**
 * An ACK (no node, no error_detail) written by hand, field for field as the generic serializer writes it;
 * anything else goes to `generic`.
 */
export function ackRequestSerializer(generic: (r: unknown) => Buffer): (r: DiscoveryRequest) => Buffer {
  return (r) => {
    if (r.node || r.error_detail || r.response_nonce === undefined) return generic(r);
    const parts: Buffer[] = [];
    if (r.version_info !== undefined) parts.push(...stringField(1, r.version_info));
    for (const name of r.resource_names ?? []) parts.push(...stringField(3, name));
    if (r.type_url !== undefined) parts.push(...stringField(4, r.type_url));
    parts.push(...stringField(5, r.response_nonce));
    return Buffer.concat(parts);
  };
}
