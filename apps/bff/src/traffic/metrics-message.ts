// StreamMetricsMessage as the traffic view reads it. Envoy flushes every stat it has, about a hundred
// per cluster (thousands per proxy, every flush interval, from every proxy), and the view keeps a few
// of each cluster's. Decoding all of it into objects cost one Envoy's flush 20-40 ms of the control
// plane's only thread, in the middle of whatever change was being pushed. So a flush is walked as
// bytes: a family's name is read, and only the families `keep` accepts are decoded, for the fields
// the view reads (a counter's or gauge's value, a histogram's buckets), as proto-loader gave them;
// the node is read for its id alone.

/** A Metric's fields the view reads (metrics.proto numbers: gauge 2, counter 3, histogram 7). */
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
  /** Where a length-delimited or fixed field's bytes start and end. */
  start = 0;
  end = 0;
  /** A varint field's value (exact up to 2^53, as proto-loader's longs: Number gives it). */
  value = 0;

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
    } else if (this.wire === VARINT) this.value = this.varint();
    else if (this.wire === FIXED64) {
      this.start = this.pos;
      this.pos += 8;
    } else if (this.wire === FIXED32) this.pos += 4;
    else throw new Error(`StreamMetricsMessage: wire type ${this.wire} of field ${this.field} is not supported`);
    if (this.pos > this.until) throw new Error('StreamMetricsMessage: a field runs past the end of its message');
    return true;
  }

  /** The current field as a string (a length-delimited field). */
  text(): string {
    return this.buf.toString('utf8', this.start, this.end);
  }

  /** The current field as a double (a fixed64 field). */
  double(): number {
    return this.buf.readDoubleLE(this.start);
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

/** Moves `f` to the last length-delimited `field` of the message it is over (protobuf: the last wins); false when there is none. */
function toLast(f: Fields, field: number): boolean {
  let start = -1;
  let end = -1;
  while (f.next()) {
    if (f.field === field && f.wire === LENGTH) {
      start = f.start;
      end = f.end;
    }
  }
  f.start = start;
  f.end = end;
  return start >= 0;
}

/** The string in field `field` of the message at [from, until), or undefined. */
function stringField(buf: Buffer, from: number, until: number, field: number): string | undefined {
  const f = new Fields(buf, from, until);
  return toLast(f, field) ? f.text() : undefined;
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

/** Counter or Gauge: `value` is field 1, a double. A message field met twice merges into `before`. */
function valueOf(buf: Buffer, from: number, until: number, before: { value?: number } | undefined): { value?: number } {
  const out = before ?? {};
  for (const f = new Fields(buf, from, until); f.next(); ) if (f.field === 1 && f.wire === FIXED64) out.value = f.double();
  return out;
}

type Histogram = NonNullable<Metric['histogram']>;
type Bucket = NonNullable<Histogram['bucket']>[number];

/** Histogram: buckets are field 3, each cumulative_count (1, a varint) and upper_bound (2, a double). */
function histogramOf(buf: Buffer, from: number, until: number, before: Histogram | undefined): Histogram {
  const out = before ?? {};
  for (const f = new Fields(buf, from, until); f.next(); ) {
    if (f.field !== 3 || f.wire !== LENGTH) continue;
    const bucket: Bucket = {};
    for (const b = new Fields(buf, f.start, f.end); b.next(); ) {
      if (b.field === 1 && b.wire === VARINT) bucket.cumulative_count = b.value;
      else if (b.field === 2 && b.wire === FIXED64) bucket.upper_bound = b.double();
    }
    (out.bucket ??= []).push(bucket);
  }
  return out;
}

function metricOf(buf: Buffer, from: number, until: number): Metric {
  const metric: Metric = {};
  for (const f = new Fields(buf, from, until); f.next(); ) {
    if (f.wire !== LENGTH) continue;
    if (f.field === 2) metric.gauge = valueOf(buf, f.start, f.end, metric.gauge);
    else if (f.field === 3) metric.counter = valueOf(buf, f.start, f.end, metric.counter);
    else if (f.field === 7) metric.histogram = histogramOf(buf, f.start, f.end, metric.histogram);
  }
  return metric;
}

/** A kept family: its name and its metrics (field 4). */
function familyOf(buf: Buffer, from: number, until: number, name: string): MetricFamily {
  const family: MetricFamily = { name };
  for (const f = new Fields(buf, from, until); f.next(); ) if (f.field === 4 && f.wire === LENGTH) (family.metric ??= []).push(metricOf(buf, f.start, f.end));
  return family;
}

/**
 * A grpc-js deserializer for StreamMetricsMessage that decodes only the families whose name `keep`
 * accepts; everything else is skipped as bytes. With `tails`, a name whose last segment is not among
 * them is passed over without being read as a string (the common case: most of a flush). What it
 * returns equals the full decode, with the other families and the fields the view does not read left
 * out (metrics-message.test.ts).
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
        // Field 1 is the family's name.
        if (!toLast(family.over(f.start, f.end), 1)) continue;
        if (listed && !tailListed(buf, family.start, family.end, listed)) continue;
        const name = family.text();
        if (keep(name)) families.push(familyOf(buf, f.start, f.end, name));
      }
    }
    if (families.length > 0) message.envoy_metrics = families;
    return message;
  };
}
