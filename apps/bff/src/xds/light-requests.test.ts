// The ADS server decodes requests with only the node's id (protos.ts requestWithNodeIdOnly): every
// other field must come out exactly as proto-loader's full decoding gives it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adsServiceDefinition, EnvoyTypes } from './protos';

const full = adsServiceDefinition();
const light = adsServiceDefinition(new EnvoyTypes());

// A node as Envoy sends it: id, cluster, build, metadata and extensions (what makes it ~80 KB).
const node = {
  id: 'mesh/shop/virtualNode/front',
  cluster: 'front',
  user_agent_name: 'envoy',
  user_agent_build_version: { version: { major_number: 1, minor_number: 40, patch: 0 } },
  metadata: { fields: { team: { string_value: 'shop' } } },
  extensions: Array.from({ length: 200 }, (_, i) => ({ name: `envoy.filters.ext_${i}`, category: 'envoy.filters.http', type_urls: [`type.googleapis.com/ext.v3.Ext${i}`] })),
};

function roundTrip(method: 'StreamAggregatedResources' | 'DeltaAggregatedResources', request: object) {
  const f = full[method];
  const l = light[method];
  assert.ok(f && l);
  const bytes = f.requestSerialize(request);
  return { full: f.requestDeserialize(bytes) as Record<string, unknown>, light: l.requestDeserialize(bytes) as Record<string, unknown> };
}

test('a state-of-the-world request decodes as in full, with the node reduced to its id', () => {
  const got = roundTrip('StreamAggregatedResources', {
    version_info: 'abc',
    node,
    resource_names: ['rds_egress_http_15001'],
    type_url: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
    response_nonce: '7',
    error_detail: { code: 3, message: 'rejected' },
  });
  assert.equal((got.full.node as { extensions: unknown[] }).extensions.length, 200);
  assert.deepEqual(got.light, { ...got.full, node: { id: node.id } });
});

test('an ACK without a node (set_node_on_first_message_only) decodes as in full', () => {
  const got = roundTrip('StreamAggregatedResources', { version_info: 'v1', type_url: 'type.googleapis.com/envoy.config.cluster.v3.Cluster', response_nonce: '3' });
  assert.deepEqual(got.light, got.full);
  assert.equal(got.light.node, undefined);
});

test('an incremental request decodes as in full, with the node reduced to its id', () => {
  const got = roundTrip('DeltaAggregatedResources', {
    node,
    type_url: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
    resource_names_subscribe: ['*'],
    resource_names_unsubscribe: ['old'],
    initial_resource_versions: { a: '1', b: '2' },
    response_nonce: '4',
    error_detail: { code: 13, message: 'bad' },
  });
  assert.deepEqual(got.light, { ...got.full, node: { id: node.id } });
  assert.deepEqual(got.full.initial_resource_versions, { a: '1', b: '2' });
});
