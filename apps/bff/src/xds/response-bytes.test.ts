// State-of-the-world responses are written from shared bytes (response-bytes.ts): every response must
// be, byte for byte, what proto-loader's generic serializer writes for it, whatever was encoded before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ackRequestSerializer, decodeInFull, readAckFields } from '../../../../testkit/xds/ack-fields';
import type { StreamMethod } from '../grpc/grpc-server';
import { encodeAny } from './any-encoder';
import { adsServiceDefinition, EnvoyTypes } from './protos';
import { DiscoveryResponseBytes } from './response-bytes';
import { TYPE_URL } from './snapshot';
import type { DiscoveryResponse } from './xds-messages';

const types = new EnvoyTypes();
const generic = adsServiceDefinition().StreamAggregatedResources;
const served = adsServiceDefinition(types).StreamAggregatedResources;

const cluster = (name: string) => encodeAny(types, { '@type': TYPE_URL.clusters, name, connect_timeout: '1s', type: 'STRICT_DNS' });
const a = cluster('a');
const b = cluster('b');

function response(resources: DiscoveryResponse['resources'], nonce: string, version = 'v1', identifier = 'meshwright'): DiscoveryResponse {
  return { version_info: version, resources, type_url: TYPE_URL.clusters, nonce, control_plane: { identifier } };
}

function assertSameBytes(bytes: DiscoveryResponseBytes, r: DiscoveryResponse): void {
  assert.ok(generic);
  assert.deepEqual(bytes.encode(r), generic.responseSerialize(r));
}

test('a response is encoded as the generic serializer encodes it, for each stream its own nonce', () => {
  const bytes = new DiscoveryResponseBytes(types);
  for (const nonce of ['1', '2', '300', 'x'.repeat(200)]) assertSameBytes(bytes, response([a, b], nonce));
});

test('the same version with other resources or another order is encoded again, not served from before', () => {
  const bytes = new DiscoveryResponseBytes(types);
  assertSameBytes(bytes, response([a, b], '1'));
  assertSameBytes(bytes, response([b, a], '2'));
  assertSameBytes(bytes, response([a], '3'));
  assertSameBytes(bytes, response([cluster('a'), b], '4'));
  assertSameBytes(bytes, response([a, b], '5', 'v1', 'another-control-plane'));
});

test('empty responses and an empty version encode as in full', () => {
  const bytes = new DiscoveryResponseBytes(types);
  assertSameBytes(bytes, response([], '1', ''));
  assertSameBytes(bytes, response([], '', 'empty'));
});

test('past its byte budget the cache forgets old responses and still encodes correctly', () => {
  const bytes = new DiscoveryResponseBytes(types, 1);
  for (let i = 0; i < 5; i++) assertSameBytes(bytes, response([a, b], String(i), `v${i % 2}`));
});

test('the served ADS definition writes state-of-the-world responses through the shared bytes', () => {
  assert.ok(served && generic);
  const r = response([a, b], '9');
  assert.deepEqual(served.responseSerialize(r), generic.responseSerialize(r));
  assert.deepEqual(generic.responseDeserialize(served.responseSerialize(r)), generic.responseDeserialize(generic.responseSerialize(r)));
  // The gRPC server writes responseFrame's bytes as they are: the prefix, then the same message.
  const framed = (served as Pick<StreamMethod, 'responseFrame'>).responseFrame?.(r);
  assert.deepEqual(framed?.subarray(5), generic.responseSerialize(r));
  assert.equal(framed?.readUInt32BE(1), generic.responseSerialize(r).length);
});

test("the benchmark's simulated clients read the ACK fields of these bytes as a full decode does", () => {
  assert.ok(served && generic);
  const bytes = served.responseSerialize(response([a, b], '1234', 'v7'));
  const fields = readAckFields(bytes);
  const full = generic.responseDeserialize(bytes) as DiscoveryResponse;
  assert.deepEqual({ version_info: fields.version_info, type_url: fields.type_url, nonce: fields.nonce }, { version_info: 'v7', type_url: TYPE_URL.clusters, nonce: '1234' });
  assert.deepEqual(decodeInFull(fields), full);
  assert.equal(full.resources.length, 2);
});

test("the simulated clients' hand-written ACKs are the generic serializer's bytes; other requests go to it", () => {
  assert.ok(generic);
  const write = (r: unknown) => generic.requestSerialize(r as object);
  const ack = ackRequestSerializer(write);
  const acks = [
    { type_url: TYPE_URL.routes, version_info: 'v3', response_nonce: '17', resource_names: ['rds_egress_http_15001', 'other'] },
    { type_url: TYPE_URL.clusters, version_info: '', response_nonce: '1' },
    { type_url: TYPE_URL.listeners, version_info: 'x'.repeat(300), response_nonce: '2', resource_names: [] },
  ];
  for (const r of acks) assert.deepEqual(ack(r), write(r));
  const first = { type_url: TYPE_URL.clusters, node: { id: 'mesh/shop/virtualNode/a', cluster: 'a' } };
  const nack = { type_url: TYPE_URL.clusters, version_info: '', response_nonce: '3', error_detail: { code: 3, message: 'bad' } };
  for (const r of [first, nack]) assert.deepEqual(ack(r), write(r));
});

test('a framed response is the gRPC prefix and the very bytes encode writes, whatever the nonce', () => {
  const bytes = new DiscoveryResponseBytes(types);
  for (const nonce of ['', '7', 'x'.repeat(130), 'naïve-nonce']) {
    const r = response([a, b], nonce);
    const message = bytes.encode(r);
    const framed = bytes.encodeFramed(r);
    assert.equal(framed[0], 0, 'not compressed');
    assert.equal(framed.readUInt32BE(1), message.length);
    assert.deepEqual(framed.subarray(5), message);
    assert.ok(generic);
    assert.deepEqual(framed.subarray(5), generic.responseSerialize(r));
  }
});
