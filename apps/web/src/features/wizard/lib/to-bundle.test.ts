import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleSchema, validateBundle } from '@meshwright/model';
import { filledWizard } from './test-fixtures';
import { toBundle } from './to-bundle';

test('a filled wizard becomes a bundle the model accepts', () => {
  const bundle = toBundle(filledWizard());
  assert.equal(bundleSchema.safeParse(bundle).success, true);
  const { findings } = validateBundle(bundle);
  assert.deepEqual(findings.filter((f) => f.severity === 'error'), []);
});

test('nodes carry listener, DNS discovery, health check, backend and access log', () => {
  const [v1, v2] = toBundle(filledWizard()).virtualNodes;
  assert.deepEqual(v1?.spec, {
    listeners: [
      {
        portMapping: { port: 9080, protocol: 'http' },
        healthCheck: { healthyThreshold: 2, intervalMillis: 5000, protocol: 'http', timeoutMillis: 2000, unhealthyThreshold: 2, path: '/ping' },
      },
    ],
    serviceDiscovery: { dns: { hostname: 'reviews-v1.shop.local' } },
    backends: [{ virtualService: { virtualServiceName: 'ratings.shop.local' } }],
    logging: { accessLog: { file: { path: '/dev/stdout' } } },
  });
  assert.deepEqual(v2?.spec, { listeners: [{ portMapping: { port: 9080, protocol: 'http' } }], serviceDiscovery: { dns: { hostname: 'reviews-v2.shop.local' } } });
});

test('the router provides the service and the route splits 90/10 on prefix /', () => {
  const bundle = toBundle(filledWizard());
  assert.deepEqual(bundle.virtualServices[0]?.spec, { provider: { virtualRouter: { virtualRouterName: 'reviews-router' } } });
  assert.deepEqual(bundle.routes[0]?.spec, {
    httpRoute: {
      action: { weightedTargets: [{ virtualNode: 'reviews-v1', weight: 90 }, { virtualNode: 'reviews-v2', weight: 10 }] },
      match: { prefix: '/' },
    },
  });
});

test('without a router the first node provides the service', () => {
  const values = { ...filledWizard(), useRouter: false };
  const bundle = toBundle(values);
  assert.equal(bundle.virtualRouters.length, 0);
  assert.equal(bundle.routes.length, 0);
  assert.deepEqual(bundle.virtualServices[0]?.spec, { provider: { virtualNode: { virtualNodeName: 'reviews-v1' } } });
});

test('route type picks the route kind; headers, method and priority are kept', () => {
  const values = filledWizard();
  values.route = { ...values.route, type: 'http2', method: 'GET', priority: 5, headers: [{ name: 'x-canary', matchType: 'exact', value: 'yes', invert: false }] };
  const spec = toBundle(values).routes[0]?.spec;
  assert.equal(spec?.priority, 5);
  assert.deepEqual(spec?.http2Route?.match, { prefix: '/', method: 'GET', headers: [{ name: 'x-canary', match: { exact: 'yes' } }] });
  values.route.type = 'tcp';
  assert.deepEqual(Object.keys(toBundle(values).routes[0]?.spec ?? {}).sort(), ['priority', 'tcpRoute']);
});

test('a node without service discovery has no listener', () => {
  const values = filledWizard();
  const first = values.nodes[0];
  assert.ok(first);
  first.discovery = 'none';
  assert.equal(toBundle(values).virtualNodes[0]?.spec.listeners, undefined);
});

test('a gRPC route matches on service and method, trimmed; empty ones are left out', () => {
  const values = filledWizard();
  values.route = { ...values.route, type: 'grpc', prefix: '/api', method: 'GET', serviceName: ' shop.Cart ', methodName: 'Get' };
  assert.deepEqual(toBundle(values).routes[0]?.spec.grpcRoute?.match, { serviceName: 'shop.Cart', methodName: 'Get' });
  values.route.methodName = '';
  values.route.serviceName = '';
  assert.deepEqual(toBundle(values).routes[0]?.spec.grpcRoute?.match, {});
});

test('an HTTP route ignores the gRPC fields', () => {
  const values = filledWizard();
  values.route = { ...values.route, serviceName: 'shop.Cart', methodName: 'Get' };
  assert.deepEqual(toBundle(values).routes[0]?.spec.httpRoute?.match, { prefix: '/' });
});
