import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RouteSpec, VirtualNodeSpec } from '@meshwright/model';
import { routeSpecSchema, virtualNodeSpecSchema } from '@meshwright/model';
import { mergeNodeSpec, mergeRouteSpec, nodeValuesFromSpec, routeValuesFromSpec } from './spec-to-values';

const nodeSpec: VirtualNodeSpec = {
  listeners: [
    {
      portMapping: { port: 9080, protocol: 'http' },
      healthCheck: { protocol: 'http', path: '/ping', healthyThreshold: 2, unhealthyThreshold: 3, intervalMillis: 6000, timeoutMillis: 2000 },
      tls: { mode: 'PERMISSIVE', certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } } },
    },
  ],
  serviceDiscovery: { dns: { hostname: 'a.local', responseType: 'ENDPOINTS' } },
  backends: [{ virtualService: { virtualServiceName: 'b.local' } }],
  logging: { accessLog: { file: { path: '/dev/stdout' } } },
};

test('a node spec round-trips through the form and keeps what the form does not show', () => {
  const values = nodeValuesFromSpec('a', nodeSpec);
  assert.equal(values.port, 9080);
  assert.equal(values.healthCheck.unhealthyThreshold, 3);
  assert.deepEqual(mergeNodeSpec(nodeSpec, values), nodeSpec);
  values.port = 9090;
  values.healthCheck.enabled = false;
  const merged = mergeNodeSpec(nodeSpec, values);
  assert.equal(merged.listeners?.[0]?.portMapping.port, 9090);
  assert.equal(merged.listeners?.[0]?.healthCheck, undefined);
  assert.ok(merged.listeners?.[0]?.tls, 'TLS kept');
  assert.equal(merged.serviceDiscovery?.dns?.responseType, 'ENDPOINTS');
  assert.equal(virtualNodeSpecSchema.safeParse(merged).success, true);
});

test('editing a route\'s weights keeps its retry policy and match', () => {
  const spec: RouteSpec = {
    priority: 1,
    httpRoute: {
      match: { prefix: '/api', method: 'GET' },
      action: { weightedTargets: [{ virtualNode: 'a', weight: 90 }, { virtualNode: 'b', weight: 10 }] },
      retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: 'ms', value: 500 }, httpRetryEvents: ['server-error'] },
    },
  };
  const values = routeValuesFromSpec('r', spec);
  assert.deepEqual(values.targets, [{ node: 'a', weight: 90 }, { node: 'b', weight: 10 }]);
  values.targets = [{ node: 'a', weight: 50 }, { node: 'b', weight: 50 }];
  const merged = mergeRouteSpec(spec, values);
  assert.deepEqual(merged.httpRoute?.action.weightedTargets.map((t) => t.weight), [50, 50]);
  assert.deepEqual(merged.httpRoute?.retryPolicy, spec.httpRoute?.retryPolicy);
  assert.deepEqual(merged.httpRoute?.match, { prefix: '/api', method: 'GET' });
  assert.equal(merged.priority, 1);
  assert.equal(routeSpecSchema.safeParse(merged).success, true);
});
