import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RouteSpec } from '@meshwright/model';
import { routeSpecSchema } from '@meshwright/model';
import { mergeRouteSpec, routeValuesFromSpec } from './spec-to-values';

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

test('a gRPC route\'s service and method are read back and saved; metadata and retry policy are kept', () => {
  const spec: RouteSpec = {
    grpcRoute: {
      match: { serviceName: 'shop.Cart', methodName: 'Get', metadata: [{ name: 'x-tenant', match: { exact: 'a' } }] },
      action: { weightedTargets: [{ virtualNode: 'a', weight: 100 }] },
      retryPolicy: { maxRetries: 1, perRetryTimeout: { unit: 'ms', value: 100 }, grpcRetryEvents: ['unavailable'] },
    },
  };
  const values = routeValuesFromSpec('r', spec);
  assert.equal(values.type, 'grpc');
  assert.equal(values.serviceName, 'shop.Cart');
  assert.equal(values.methodName, 'Get');
  values.methodName = 'Put';
  let merged = mergeRouteSpec(spec, values);
  assert.deepEqual(merged.grpcRoute?.match, { serviceName: 'shop.Cart', methodName: 'Put', metadata: [{ name: 'x-tenant', match: { exact: 'a' } }] });
  assert.deepEqual(merged.grpcRoute?.retryPolicy, spec.grpcRoute?.retryPolicy);
  assert.equal(routeSpecSchema.safeParse(merged).success, true);
  values.methodName = '';
  merged = mergeRouteSpec(spec, values);
  assert.deepEqual(merged.grpcRoute?.match, { serviceName: 'shop.Cart', metadata: [{ name: 'x-tenant', match: { exact: 'a' } }] });
});
