// StreamMetricsMessage as the traffic view reads it. Envoy flushes every stat it has, about a hundred
// per cluster (thousands per proxy, every flush interval, from every proxy), and the view keeps a few
// of each cluster's. Decoding all of it into objects cost one Envoy's flush 20-40 ms of the control
// plane's only thread, in the middle of whatever change was being pushed. So a flush is walked as
// bytes: a family's name is read, and only the families `keep` accepts are decoded (by protobufjs,
// into the very shape proto-loader gives); the node is read for its id alone.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import protobuf from 'protobufjs';

/** Prometheus' metrics.proto, which the Envoy protos import but @grpc/grpc-js-xds leaves out. */
export const extraProtos = fileURLToPath(new URL('./protos', import.meta.url));

export interface Metric {
  counter?: { value?: number };
  gauge?: { value?: number };
  histogram?: { bucket?: { cumulative_count?: number; upper_bound?: number }[] };
}
export interface MetricFamily {
  name?: string;
  metric?: Metric[];
}
export interface MetricsMessage {
  identifier?: { node?: { id?: string } };
  envoy_metrics?: MetricFamily[];
}

/** toObject options matching the service's proto-loader options (grpc-services.ts). */
const toObjectOptions: protobuf.IConversionOptions = { longs: Number, enums: String, defaults: false, oneofs: true };

let familyType: protobuf.Type | undefined;
function metricFamilyType(): protobuf.Type {
  familyType ??= new protobuf.Root().loadSync(join(extraProtos, 'io/prometheus/client/metrics.proto'), { keepCase: true }).lookupType('io.prometheus.client.MetricFamily');
  return familyType;
}

/** Wire types of the protobuf encoding. */
const VARINT = 0;
const FIXED64 = 1;
const LENGTH = 2;
const FIXED32 = 5;

/** A cursor over one message's fields. */
class Fields {
  pos: number;
  field = 0;
  wire = 0;
  /** Where a length-delimited field's bytes start and end. */
  start = 0;
  end = 0;

  constructor(private readonly buf: Buffer, from: number, private until: number) {
    this.pos = from;
  }

  /** The same cursor over another message of the same buffer (one cursor serves thousands of families). */
  over(from: number, until: number): this {
    this.pos = from;
    this.until = until;
    return this;
  }

  /** Moves to the next field; false at the message's end. */
  next(): boolean {
    if (this.pos >= this.until) return false;
    const tag = this.varint();
    this.field = Math.floor(tag / 8);
    this.wire = tag % 8;
    if (this.wire === LENGTH) {
      const length = this.varint();
      this.start = this.pos;
      this.end = this.pos + length;
      this.pos = this.end;
    } else if (this.wire === VARINT) this.varint();
    else if (this.wire === FIXED64) this.pos += 8;
    else if (this.wire === FIXED32) this.pos += 4;
    else throw new Error(`StreamMetricsMessage: wire type ${this.wire} of field ${this.field} is not supported`);
    if (this.pos > this.until) throw new Error('StreamMetricsMessage: a field runs past the end of its message');
    return true;
  }

  /** The current field as a string (a length-delimited field). */
  text(): string {
    return this.buf.toString('utf8', this.start, this.end);
  }

  private varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.until) throw new Error('StreamMetricsMessage: truncated varint');
      const byte = this.buf[this.pos++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
    throw new Error('StreamMetricsMessage: varint longer than 10 bytes');
  }
}

/** The string in field `field` of the message at [from, until), or undefined; the last one wins, as in protobuf. */
function stringField(buf: Buffer, from: number, until: number, field: number): string | undefined {
  let found: string | undefined;
  for (const f = new Fields(buf, from, until); f.next(); ) if (f.field === field && f.wire === LENGTH) found = f.text();
  return found;
}

/** Moves `f` to the last field 1 (name) of the family it is over; false when it has none. */
function toName(f: Fields): boolean {
  let start = -1;
  let end = -1;
  while (f.next()) {
    if (f.field === 1 && f.wire === LENGTH) {
      start = f.start;
      end = f.end;
    }
  }
  f.start = start;
  f.end = end;
  return start >= 0;
}

/** Tails as bytes, by length: a flush's names are compared in place, never made into strings first. */
type TailBytes = Map<number, Buffer[]>;
function tailBytes(tails: ReadonlySet<string>): TailBytes {
  const byLength: TailBytes = new Map();
  for (const t of tails) {
    const bytes = Buffer.from(t, 'latin1');
    byLength.set(bytes.length, [...(byLength.get(bytes.length) ?? []), bytes]);
  }
  return byLength;
}

/**
 * Whether the name at [start, end) ends in one of the tails, compared byte for byte in JavaScript: a
 * call into Buffer's native methods costs more than this whole test, and there are thousands a flush.
 */
function tailListed(buf: Buffer, start: number, end: number, tails: TailBytes): boolean {
  let from = end;
  while (from > start && buf[from - 1] !== 0x2e) from--;
  const candidates = tails.get(end - from);
  if (!candidates) return false;
  next: for (const tail of candidates) {
    for (let i = 0; i < tail.length; i++) if (buf[from + i] !== tail[i]) continue next;
    return true;
  }
  return false;
}

/** The identifier (field 1) with its node (field 1) read for the node's id (field 1) alone, merged into `before`. */
function identifierOf(buf: Buffer, from: number, until: number, before: MetricsMessage['identifier']): NonNullable<MetricsMessage['identifier']> {
  const identifier: NonNullable<MetricsMessage['identifier']> = before ?? {};
  for (const f = new Fields(buf, from, until); f.next(); ) {
    if (f.field !== 1 || f.wire !== LENGTH) continue;
    // A message field met twice is merged: a later node without an id keeps the earlier id.
    const id = stringField(buf, f.start, f.end, 1) ?? identifier.node?.id;
    identifier.node = id === undefined ? {} : { id };
  }
  return identifier;
}

/**
 * A grpc-js deserializer for StreamMetricsMessage that decodes only the families whose name `keep`
 * accepts; everything else is skipped as bytes. With `tails`, a name whose last segment is not among
 * them is passed over without being read as a string (the common case: most of a flush). What it
 * returns equals the full decode with the other families left out (metrics-message.test.ts).
 */
export function metricsDeserializer(keep: (familyName: string) => boolean, tails?: ReadonlySet<string>): (buf: Buffer) => MetricsMessage {
  const listed = tails && tailBytes(tails);
  return (buf) => {
    const message: MetricsMessage = {};
    const families: MetricFamily[] = [];
    const family = new Fields(buf, 0, 0);
    for (const f = new Fields(buf, 0, buf.length); f.next(); ) {
      if (f.wire !== LENGTH) continue;
      if (f.field === 1) {
        message.identifier = identifierOf(buf, f.start, f.end, message.identifier);
      } else if (f.field === 2) {
        if (!toName(family.over(f.start, f.end))) continue;
        if (listed && !tailListed(buf, family.start, family.end, listed)) continue;
        if (!keep(family.text())) continue;
        const type = metricFamilyType();
        families.push(type.toObject(type.decode(buf.subarray(f.start, f.end)), toObjectOptions) as MetricFamily);
      }
    }
    if (families.length > 0) message.envoy_metrics = families;
    return message;
  };
}
