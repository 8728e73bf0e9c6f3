import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualNodeSpec } from '@meshwright/model';
import { virtualNodeSpecSchema } from '@meshwright/model';
import { mergeNodeSpec, newListener, nodeEditValuesFromSpec } from './node-edit-values';

const nodeSpec: VirtualNodeSpec = {
  listeners: [
    {
      portMapping: { port: 9080, protocol: 'http' },
      healthCheck: { protocol: 'http', path: '/ping', healthyThreshold: 2, unhealthyThreshold: 3, intervalMillis: 6000, timeoutMillis: 2000 },
      tls: { mode: 'PERMISSIVE', certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } } },
    },
    {
      portMapping: { port: 9081, protocol: 'grpc' },
      timeout: { grpc: { perRequest: { unit: 's', value: 15 } } },
      outlierDetection: { maxServerErrors: 5, interval: { unit: 's', value: 10 }, baseEjectionDuration: { unit: 's', value: 30 }, maxEjectionPercent: 50 },
    },
  ],
  serviceDiscovery: { dns: { hostname: 'a.local', responseType: 'ENDPOINTS' } },
  backends: [{ virtualService: { virtualServiceName: 'b.local' } }],
  logging: { accessLog: { file: { path: '/dev/stdout' } } },
};

test('a node spec round-trips through the form and keeps what the form does not show', () => {
  const values = nodeEditValuesFromSpec('a', nodeSpec);
  assert.deepEqual(values.listeners.map((l) => [l.source, l.port, l.protocol]), [[0, 9080, 'http'], [1, 9081, 'grpc']]);
  assert.equal(values.listeners[0]?.healthCheck.unhealthyThreshold, 3);
  assert.equal(values.listeners[1]?.healthCheck.enabled, false);
  assert.deepEqual(mergeNodeSpec(nodeSpec, values), nodeSpec);
});

test('editing any listener changes only that listener and keeps its TLS, timeouts and outlier detection', () => {
  const values = nodeEditValuesFromSpec('a', nodeSpec);
  const [first, second] = values.listeners;
  assert.ok(first && second);
  first.healthCheck.enabled = false;
  second.port = 9082;
  const merged = mergeNodeSpec(nodeSpec, values);
  assert.deepEqual(merged.listeners?.[0], { portMapping: { port: 9080, protocol: 'http' }, tls: nodeSpec.listeners?.[0]?.tls });
  assert.deepEqual(merged.listeners?.[1], { ...nodeSpec.listeners?.[1], portMapping: { port: 9082, protocol: 'grpc' } });
  assert.equal(merged.serviceDiscovery?.dns?.responseType, 'ENDPOINTS');
  assert.equal(virtualNodeSpecSchema.safeParse(merged).success, true);
});

test('removing a listener keeps the others\' settings with them; an added one starts bare', () => {
  const values = nodeEditValuesFromSpec('a', nodeSpec);
  values.listeners = [...values.listeners.slice(1), newListener(values.listeners)];
  const merged = mergeNodeSpec(nodeSpec, values);
  assert.deepEqual(merged.listeners, [nodeSpec.listeners?.[1], { portMapping: { port: 9082, protocol: 'http' } }]);
  assert.equal(newListener([{ port: 70000 }, { port: Number.NaN }]).port, 8080, 'ports being typed are skipped');
});

test('a node without listeners gets one in the form, which Save leaves out while discovery is none', () => {
  const spec: VirtualNodeSpec = { backends: [{ virtualService: { virtualServiceName: 'b.local' } }] };
  const values = nodeEditValuesFromSpec('a', spec);
  assert.equal(values.node.discovery, 'none');
  assert.deepEqual(values.listeners.map((l) => [l.source, l.port]), [[-1, 8080]]);
  assert.deepEqual(mergeNodeSpec(spec, values), spec);
  values.node.discovery = 'dns';
  values.node.dnsHostname = 'a.local';
  assert.deepEqual(mergeNodeSpec(spec, values).listeners, [{ portMapping: { port: 8080, protocol: 'http' } }]);
});
