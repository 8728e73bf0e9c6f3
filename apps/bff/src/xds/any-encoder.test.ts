// The JSON -> Any encoder: everything compile can emit encodes, and the proto3 JSON mappings
// (durations, wrappers, nested typed_config, enums, Struct) come out as Envoy reads them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compile } from '@meshwright/model';
import { encodeAny, encodeAnyAtOnce, EncodeError } from './any-encoder';
import { EnvoyTypes } from './protos';
import { richModel } from '../../../../testkit/xds/rich-model';
import { TYPE_URL } from './snapshot';

const types = new EnvoyTypes();

function decode(any: { type_url: string; value: Buffer }): Record<string, unknown> {
  const t = types.type(any.type_url.slice(any.type_url.lastIndexOf('/') + 1));
  return t.toObject(t.decode(any.value), { enums: String, longs: Number, defaults: false }) as Record<string, unknown>;
}

describe('encodeAny', () => {
  it('encodes every resource compile emits for a rich mesh', () => {
    const { resources } = compile(richModel('shop.local'), 'api', { mode: 'ads' });
    const all = [...resources.clusters, ...resources.listeners, ...resources.routes];
    assert.ok(all.length >= 6, `expected a rich config, got ${all.length} resources`);
    for (const r of all) {
      const any = encodeAny(types, r);
      assert.equal(any.type_url, r['@type']);
      assert.equal(decode(any).name, r.name);
    }
  });

  it('maps durations, wrappers, enums and nested typed_config the way Envoy reads them', () => {
    const any = encodeAny(types, {
      '@type': TYPE_URL.clusters,
      name: 'c',
      type: 'STRICT_DNS',
      connect_timeout: '0.250s',
      per_connection_buffer_limit_bytes: 1024,
      typed_extension_protocol_options: {
        'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
          '@type': 'type.googleapis.com/envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
          explicit_http_config: { http2_protocol_options: { max_concurrent_streams: 7 } },
        },
      },
    });
    const c = decode(any) as {
      type: string;
      connect_timeout: { seconds: number; nanos: number };
      per_connection_buffer_limit_bytes: { value: number };
      typed_extension_protocol_options: Record<string, { type_url: string; value: Buffer }>;
    };
    assert.equal(c.type, 'STRICT_DNS');
    assert.deepEqual(c.connect_timeout, { seconds: 0, nanos: 250_000_000 });
    assert.deepEqual(c.per_connection_buffer_limit_bytes, { value: 1024 });
    const nested = c.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'];
    assert.ok(nested);
    const inner = decode(nested) as { explicit_http_config: { http2_protocol_options: { max_concurrent_streams: { value: number } } } };
    assert.deepEqual(inner.explicit_http_config.http2_protocol_options.max_concurrent_streams, { value: 7 });
  });

  it('encodes Struct (json_format of an access log)', () => {
    const any = encodeAny(types, {
      '@type': 'type.googleapis.com/envoy.extensions.access_loggers.file.v3.FileAccessLog',
      path: '/dev/stdout',
      log_format: { json_format: { start: '%START_TIME%', n: 1, ok: true, nested: { a: [1, 'x'] } } },
    });
    const fields = (decode(any) as { log_format: { json_format: { fields: Record<string, Record<string, unknown>> } } }).log_format.json_format.fields;
    assert.deepEqual(Object.values(fields.start ?? {}), ['%START_TIME%']);
    assert.deepEqual(Object.values(fields.n ?? {}), [1]);
    assert.deepEqual(Object.values(fields.ok ?? {}), [true]);
  });

  it('names the JSON path of what it cannot encode', () => {
    const bad = (json: unknown) => assert.throws(() => encodeAny(types, json), EncodeError);
    bad({ name: 'no type' });
    assert.throws(() => encodeAny(types, { '@type': TYPE_URL.clusters, name: 'c', lb_polcy: 'ROUND_ROBIN' }), /\$\.lb_polcy: unknown field of envoy\.config\.cluster\.v3\.Cluster/);
    assert.throws(() => encodeAny(types, { '@type': TYPE_URL.clusters, name: 'c', connect_timeout: 5 }), /\$\.connect_timeout: expected a duration/);
    assert.throws(() => encodeAny(types, { '@type': TYPE_URL.clusters, name: 'c', lb_policy: 'ROUND_AND_ROUND' }), /\$\.lb_policy: unknown LbPolicy value/);
    assert.throws(() => encodeAny(types, { '@type': 'type.googleapis.com/envoy.config.NoSuchThing', name: 'c' }), /\$\.@type: unknown protobuf type/);
    assert.throws(
      () => encodeAny(types, { '@type': TYPE_URL.clusters, name: 'c', cluster_type: { name: 'x', typed_config: { '@type': TYPE_URL.routes, nme: 1 } } }),
      /\$\.cluster_type\.typed_config\.nme: unknown field/,
    );
  });
});

describe('encodeAny splices long repeated fields', () => {
  const vhost = (i: number) => ({
    name: `vh-${i}`,
    domains: [`svc-${i}`, `svc-${i}:80`],
    routes: [{ match: { prefix: '/' }, route: { weighted_clusters: { clusters: [{ name: `a-${i}`, weight: 80 }, { name: `b-${i}`, weight: 20 }] }, timeout: '15s' } }],
  });
  const routeConfig = (hosts: unknown[], extra: Record<string, unknown> = {}) => ({ '@type': TYPE_URL.routes, name: 'rds_egress_http_15001', virtual_hosts: hosts, ...extra });

  it('gives the bytes of encoding the whole message, with members numbered below and above the spliced one', () => {
    const hosts = Array.from({ length: 12 }, (_, i) => vhost(i));
    const configs = [
      routeConfig(hosts),
      routeConfig(hosts, { validate_clusters: false, response_headers_to_add: [{ header: { key: 'x', value: 'y' } }], max_direct_response_body_size_bytes: 4096 }),
      // Members written before the spliced one in the JSON, and camelCase names.
      { '@type': TYPE_URL.routes, maxDirectResponseBodySizeBytes: 10, virtualHosts: hosts, name: 'r' },
      routeConfig(hosts.slice(0, 3)),
      routeConfig([]),
    ];
    for (const c of configs) assert.deepEqual(encodeAny(types, c).value, encodeAnyAtOnce(types, c));
    for (const r of compile(richModel('shop.local'), 'api', { mode: 'ads' }).resources.routes) assert.deepEqual(encodeAny(types, r).value, encodeAnyAtOnce(types, r));
  });

  it('reuses an unchanged element and re-encodes a changed one', () => {
    const hosts = Array.from({ length: 8 }, (_, i) => vhost(i));
    const before = encodeAny(types, routeConfig(hosts)).value;
    const changed = [...hosts];
    changed[3] = { ...vhost(3), domains: ['other'] };
    const after = encodeAny(types, routeConfig(changed));
    assert.notDeepEqual(after.value, before);
    assert.deepEqual(after.value, encodeAnyAtOnce(types, routeConfig(changed)));
    assert.deepEqual((decode(after).virtual_hosts as { domains: string[] }[])[3]?.domains, ['other']);
  });

  it('names the bad member of a spliced element by its path', () => {
    const hosts = [vhost(0), vhost(1), { ...vhost(2), colour: 'blue' }, vhost(3)];
    assert.throws(() => encodeAny(types, routeConfig(hosts)), (e: unknown) => e instanceof EncodeError && e.path === '$.virtual_hosts[2].colour');
    assert.throws(() => encodeAny(types, routeConfig([vhost(0), null, vhost(1), vhost(2)])), (e: unknown) => e instanceof EncodeError && e.path === '$.virtual_hosts[1]');
  });
});
