// Where App Mesh accepts more than meshwright once did, and real walkthroughs rely on it: a match with
// only a port (howto-multiple-listeners), and a path on a grpc health check (ignored, with a warning).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BundleInput } from '../input/bundle';
import { shopWithGateway } from '../virtual-gateway/test-gateway';
import { formatFinding } from './finding';
import { validateBundle } from './validate-bundle';

const findings = (b: unknown) => validateBundle(b as BundleInput).findings.map(formatFinding);

test('a router route whose match has only a port is accepted: it takes every path on that port', () => {
  const b = shopWithGateway();
  const split = b.routes.find((r) => r.routeName === 'split') ?? assert.fail();
  split.spec.httpRoute.match = { port: 9080 };
  assert.deepEqual(findings(b), []);
});

test('a gateway route whose match has only a port is accepted on a gateway with two listeners', () => {
  const b = shopWithGateway();
  const g = b.virtualGateways[0] ?? assert.fail();
  g.spec.listeners.push({ portMapping: { port: 9090, protocol: 'http' } });
  for (const [i, r] of b.gatewayRoutes.entries()) r.spec.httpRoute.match = { port: i === 0 ? 8080 : 9090 };
  assert.deepEqual(findings(b), []);
});

test('without a port, a path or a prefix the same route is refused', () => {
  const b = shopWithGateway();
  const split = b.routes.find((r) => r.routeName === 'split') ?? assert.fail();
  split.spec.httpRoute.match = { headers: [{ name: 'x-any' }] };
  assert.deepEqual(findings(b).filter((f) => f.includes('route.match-missing')), [
    'error [route.match-missing] (route catalog-router/split) spec.httpRoute.match: needs a prefix (such as "/"), a path or a port to match',
  ]);
});

test('a grpc health check with a path is accepted with a warning on nodes and gateways; a tcp one with a path is still an error', () => {
  const b = shopWithGateway();
  // App Mesh takes a grpc health check on http2 and grpc listeners only ("GRPC HealthCheck requires listener type of HTTP2 or GRPC").
  const frontend = b.virtualNodes.find((n) => n.virtualNodeName === 'frontend') ?? assert.fail();
  frontend.spec.listeners[0].portMapping.protocol = 'http2';
  frontend.spec.listeners[0].healthCheck.protocol = 'grpc';
  const gateway = b.virtualGateways[0] ?? assert.fail();
  gateway.spec.listeners[0].portMapping.protocol = 'http2';
  gateway.spec.listeners[0].healthCheck.protocol = 'grpc';
  for (const r of b.gatewayRoutes) r.spec = { http2Route: r.spec.httpRoute };
  const result = validateBundle(b as unknown as BundleInput);
  assert.deepEqual(result.findings.map((f) => `${f.severity} ${f.code}`), ['warning node.health-check-path-ignored', 'warning gateway.health-check-path-ignored']);
  frontend.spec.listeners[0].portMapping.protocol = 'tcp';
  frontend.spec.listeners[0].healthCheck.protocol = 'tcp';
  assert.ok(findings(b).some((f) => f.startsWith('error [node.health-check-path-not-http]')));
});
