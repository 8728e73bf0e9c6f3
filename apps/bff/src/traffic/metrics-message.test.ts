import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseStat } from '@meshwright/model';
import { fullMetricsServiceDefinition, metricsServiceDefinition } from './grpc-services';
import { type Metric, type MetricFamily, type MetricsMessage } from './metrics-message';

// The reference: MetricsService exactly as proto-loader decodes it (the service's own options).
const full = (() => {
  const method = fullMetricsServiceDefinition().StreamMetrics;
  if (!method) throw new Error('no StreamMetrics');
  return { encode: (m: unknown) => method.requestSerialize(m), decode: (b: Buffer) => method.requestDeserialize(b) as MetricsMessage };
})();
const lightDecode = (() => {
  const method = metricsServiceDefinition().StreamMetrics;
  if (!method) throw new Error('no StreamMetrics');
  return (b: Buffer) => method.requestDeserialize(b) as MetricsMessage;
})();

/** A decoded Metric's fields the view reads, as the full decode gave them. */
function readFields(m: Metric & Record<string, unknown>): Metric {
  const out: Metric = {};
  if (m.counter) out.counter = m.counter.value === undefined ? {} : { value: m.counter.value };
  if (m.gauge) out.gauge = m.gauge.value === undefined ? {} : { value: m.gauge.value };
  if (m.histogram) out.histogram = m.histogram.bucket ? { bucket: m.histogram.bucket } : {};
  return out;
}

/** The full decode with what the view does not keep or read left out: what the light decode must give. */
function expected(bytes: Buffer): MetricsMessage {
  const m = full.decode(bytes);
  const out: MetricsMessage = {};
  if (m.identifier) out.identifier = m.identifier.node ? { node: m.identifier.node.id === undefined ? {} : { id: m.identifier.node.id } } : {};
  const kept = (m.envoy_metrics ?? []).filter((f) => parseStat(f.name ?? '') !== undefined);
  if (kept.length > 0) {
    out.envoy_metrics = kept.map((f): MetricFamily => (f.metric ? { name: f.name, metric: f.metric.map((x) => readFields(x as Metric & Record<string, unknown>)) } : { name: f.name }));
  }
  return out;
}

const node = {
  id: 'mesh/shop/virtualNode/front',
  cluster: 'shop',
  user_agent_name: 'envoy',
  user_agent_build_version: { version: { major_number: 1, minor_number: 40, patch: 0 }, metadata: { fields: { 'revision.sha': { string_value: 'abc' } } } },
  metadata: { fields: { team: { string_value: 'checkout' } } },
  extensions: [{ name: 'envoy.filters.http.router', category: 'envoy.filters.http' }],
};
const histogram = { bucket: [{ cumulative_count: 3, upper_bound: 0.5 }, { cumulative_count: 9, upper_bound: 25 }, { cumulative_count: 10, upper_bound: Infinity }] };

test("a real flush's shape: only the view's families are decoded, each as proto-loader decodes it, and the node's id", () => {
  const flush = {
    identifier: { node },
    envoy_metrics: [
      { name: 'cluster.cds_egress_shop_blue_http_9001.upstream_rq_total', type: 'COUNTER', metric: [{ counter: { value: 12 }, timestamp_ms: 1_700_000_000_000 }] },
      { name: 'cluster.cds_egress_shop_blue_http_9001.upstream_cx_total', type: 'COUNTER', metric: [{ counter: { value: 4 } }] },
      { name: 'cluster.cds_egress_shop_blue_http_9001.upstream_rq_time', type: 'HISTOGRAM', metric: [{ histogram: { sample_count: 10, sample_sum: 42.5, ...histogram } }] },
      { name: 'cluster.cds_egress_shop_blue_http_9001.membership_total', type: 'GAUGE', metric: [{ gauge: { value: 3 } }] },
      { name: 'server.uptime', type: 'GAUGE', metric: [{ gauge: { value: 99 } }] },
      { name: 'vhost.blue.shop.local.route.route_r__split.upstream_rq_5xx', type: 'COUNTER', metric: [{ counter: { value: 1 } }] },
      { name: 'http.ingress_http_8080.downstream_rq_2xx', type: 'COUNTER', metric: [{ counter: { value: 7 } }] },
      { name: 'listener.0.0.0.0_15001.downstream_cx_total', type: 'COUNTER', metric: [{ counter: { value: 2 } }] },
    ],
  };
  const bytes = full.encode(flush);
  const light = lightDecode(bytes);
  assert.deepEqual(light, expected(bytes));
  assert.deepEqual(light.identifier, { node: { id: node.id } });
  assert.deepEqual(light.envoy_metrics?.map((f) => f.name), [
    'cluster.cds_egress_shop_blue_http_9001.upstream_rq_total',
    'cluster.cds_egress_shop_blue_http_9001.upstream_rq_time',
    'cluster.cds_egress_shop_blue_http_9001.membership_total',
    'vhost.blue.shop.local.route.route_r__split.upstream_rq_5xx',
    'http.ingress_http_8080.downstream_rq_2xx',
  ]);
  assert.deepEqual(light.envoy_metrics?.[1]?.metric?.[0]?.histogram?.bucket, histogram.bucket);
});

test('later flushes without an identifier, and a flush the view keeps nothing of, decode to what the full decode gives', () => {
  for (const flush of [{ envoy_metrics: [{ name: 'cluster.c.upstream_rq_2xx', metric: [{ counter: { value: 1 } }] }] }, { envoy_metrics: [{ name: 'server.live', metric: [{ gauge: { value: 1 } }] }] }, {}]) {
    const bytes = full.encode(flush);
    assert.deepEqual(lightDecode(bytes), expected(bytes));
  }
});

test('a family whose name comes after its metrics, and a node sent in two parts, are read as protobuf merges them', () => {
  // Concatenated messages are one message with both parts' fields (protobuf's merge), in that order.
  const family = Buffer.concat([full.encode({ envoy_metrics: [{ metric: [{ counter: { value: 5 } }] }] }), full.encode({ envoy_metrics: [{ name: 'cluster.c.upstream_rq_total' }] })]);
  // Two envoy_metrics fields from two encodes are two families; one family in two parts needs its bytes spliced.
  const onlyMetric = full.encode({ envoy_metrics: [{ metric: [{ counter: { value: 5 } }] }] }).subarray(2);
  const onlyName = full.encode({ envoy_metrics: [{ name: 'cluster.c.upstream_rq_total' }] }).subarray(2);
  const merged = Buffer.concat([Buffer.of(0x12, onlyMetric.length + onlyName.length), onlyMetric, onlyName]);
  assert.deepEqual(lightDecode(merged), expected(merged));
  assert.deepEqual(lightDecode(merged).envoy_metrics, [{ name: 'cluster.c.upstream_rq_total', metric: [{ counter: { value: 5 } }] }]);
  assert.deepEqual(lightDecode(family), expected(family), 'two families, one without a name');
  const twoNodes = Buffer.concat([full.encode({ identifier: { node: { id: 'mesh/shop/virtualNode/front' } } }), full.encode({ identifier: { node: { cluster: 'shop' } } })]);
  assert.deepEqual(lightDecode(twoNodes), { identifier: { node: { id: 'mesh/shop/virtualNode/front' } } });
});

test('random flushes decode as the full decode gives them, less what the view does not keep', () => {
  const names = fc.constantFrom(
    'cluster.a.upstream_rq_total', 'cluster.a.upstream_rq_time', 'cluster.b.upstream_rq_5xx', 'cluster.b.membership_healthy',
    'cluster.b.outlier_detection.ejections_active', 'cluster.a.upstream_cx_active', 'vhost.x.route.y.upstream_rq_2xx',
    'http.egress_http_15001.downstream_rq_total', 'http.egress_http_15001.downstream_cx_total', 'server.memory_allocated', 'ünïcode.stät',
  );
  const value = fc.oneof(fc.integer({ min: 0, max: 2 ** 31 }), fc.double({ noNaN: true, min: 0, max: 1e15 }), fc.constant(2 ** 53 - 1));
  const metric = fc.oneof(
    value.map((v) => ({ counter: { value: v } })),
    value.map((v) => ({ gauge: { value: v } })),
    fc.record({
      sample_count: fc.nat(), sample_sum: fc.double({ noNaN: true }),
      bucket: fc.array(fc.record({ cumulative_count: fc.nat(), upper_bound: fc.double({ noNaN: true }) }, { requiredKeys: [] }), { maxLength: 4 }),
    }, { requiredKeys: [] }).map((histogram) => ({ histogram })),
    fc.constant({ counter: {} }),
  ).chain((m) => fc.record({ label: fc.array(fc.record({ name: fc.string(), value: fc.string() }), { maxLength: 2 }), timestamp_ms: fc.nat() }, { requiredKeys: [] }).map((extra) => ({ ...extra, ...m })));
  const family = fc.record({ name: names, type: fc.constantFrom('COUNTER', 'GAUGE', 'HISTOGRAM'), metric: fc.array(metric, { maxLength: 2 }) }, { requiredKeys: ['name'] });
  const flush = fc.record({ identifier: fc.record({ node: fc.record({ id: fc.string(), cluster: fc.string() }, { requiredKeys: [] }) }, { requiredKeys: [] }), envoy_metrics: fc.array(family, { maxLength: 12 }) }, { requiredKeys: [] });
  fc.assert(fc.property(flush, (f) => {
    const bytes = full.encode(f);
    assert.deepEqual(lightDecode(bytes), expected(bytes));
  }), { numRuns: 300 });
});

test('a truncated or malformed flush is refused with an error, not read past its end', () => {
  const bytes = full.encode({ identifier: { node }, envoy_metrics: [{ name: 'cluster.c.upstream_rq_total', metric: [{ counter: { value: 1 } }] }] });
  assert.throws(() => lightDecode(bytes.subarray(0, bytes.length - 3)), /StreamMetricsMessage: a field runs past the end/);
  assert.throws(() => lightDecode(Buffer.of(0x08, 0x80)), /StreamMetricsMessage: truncated varint/);
  assert.throws(() => lightDecode(Buffer.of(0x0b)), /StreamMetricsMessage: wire type 3 of field 1 is not supported/);
});
