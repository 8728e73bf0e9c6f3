import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatewayRouteSpecSchema, type GatewayRouteSpec } from '@meshwright/model';
import { gatewayRouteSpecFromValues, gatewayRouteValuesFromSpec, gatewaySpecFromValues, gatewayValuesFromSpec, mergeGatewayRouteSpec, mergeGatewaySpec } from './gateway-spec';
import { defaultGateway, defaultGatewayRoute } from './gateway-values';

test('the default gateway route is a prefix / route with App Mesh default rewrites (none written)', () => {
  const spec = gatewayRouteSpecFromValues({ ...defaultGatewayRoute('books.local'), name: 'all' });
  assert.deepEqual(spec, { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'books.local' } } } } });
  assert.ok(gatewayRouteSpecSchema.safeParse(spec).success);
});

test('rewrite options become App Mesh rewrites: DISABLED Host, kept prefix, new prefix, exact path', () => {
  const base = { ...defaultGatewayRoute('books.local'), path: '/chapter', rewriteHost: false };
  assert.deepEqual(gatewayRouteSpecFromValues({ ...base, prefixRewrite: 'keep' }).httpRoute?.action.rewrite, { hostname: { defaultTargetHostname: 'DISABLED' }, prefix: { defaultPrefix: 'DISABLED' } });
  assert.deepEqual(gatewayRouteSpecFromValues({ ...base, rewriteHost: true, prefixRewrite: 'value', prefixValue: ' /v2/ ' }).httpRoute?.action.rewrite, { prefix: { value: '/v2/' } });
  const exact = gatewayRouteSpecFromValues({ ...base, matchType: 'exact', path: '/login', pathRewrite: '/auth', prefixRewrite: 'keep' });
  assert.deepEqual(exact.httpRoute?.match, { path: { exact: '/login' } });
  assert.deepEqual(exact.httpRoute?.action.rewrite, { hostname: { defaultTargetHostname: 'DISABLED' }, path: { exact: '/auth' } }, 'a prefix option has no say over an exact match');
});

test('gRPC: service name, host and port match; only the Host rewrite', () => {
  const spec = gatewayRouteSpecFromValues({ ...defaultGatewayRoute('cart.local'), type: 'grpc', serviceName: 'shop.Cart', hostnameType: 'suffix', hostname: '.shop.com', port: 9000, rewriteHost: false, priority: 3 });
  assert.deepEqual(spec, { priority: 3, grpcRoute: { match: { serviceName: 'shop.Cart', hostname: { suffix: '.shop.com' }, port: 9000 }, action: { target: { virtualService: { virtualServiceName: 'cart.local' } }, rewrite: { hostname: { defaultTargetHostname: 'DISABLED' } } } } });
});

test('a spec read into the form and written back is the same spec', () => {
  const specs: GatewayRouteSpec[] = [
    { priority: 1, http2Route: { match: { path: { regex: '/a.*' }, method: 'GET', hostname: { exact: 'x.com' }, port: 8080 }, action: { target: { virtualService: { virtualServiceName: 's' }, port: 80 }, rewrite: { path: { exact: '/b' } } } } },
    { httpRoute: { match: { prefix: '/p' }, action: { target: { virtualService: { virtualServiceName: 's' } }, rewrite: { prefix: { value: '/q' }, hostname: { defaultTargetHostname: 'DISABLED' } } } } },
    { grpcRoute: { match: { serviceName: 'a.B' }, action: { target: { virtualService: { virtualServiceName: 's' } } } } },
  ];
  for (const spec of specs) assert.deepEqual(gatewayRouteSpecFromValues(gatewayRouteValuesFromSpec('r', spec)), spec);
});

test('an edit keeps headers and query parameters the form does not show; a gateway edit keeps listener TLS', () => {
  const spec: GatewayRouteSpec = { httpRoute: { match: { prefix: '/', headers: [{ name: 'x-beta' }], queryParameters: [{ name: 'v' }] }, action: { target: { virtualService: { virtualServiceName: 's' } } } } };
  const merged = mergeGatewayRouteSpec(spec, { ...gatewayRouteValuesFromSpec('r', spec), path: '/new' });
  assert.deepEqual(merged.httpRoute?.match, { prefix: '/new', headers: [{ name: 'x-beta' }], queryParameters: [{ name: 'v' }] });
  const tls = { mode: 'STRICT' as const, certificate: { file: { certificateChain: '/c.pem', privateKey: '/k.pem' } } };
  const gateway = { listeners: [{ portMapping: { port: 8080, protocol: 'http' as const }, tls }] };
  const edited = mergeGatewaySpec(gateway, { ...gatewayValuesFromSpec('g', gateway), listeners: [{ port: 9090, protocol: 'http2' }], logPath: '/dev/stdout' });
  assert.deepEqual(edited, { listeners: [{ portMapping: { port: 9090, protocol: 'http2' }, tls }], logging: { accessLog: { file: { path: '/dev/stdout' } } } });
  assert.deepEqual(gatewaySpecFromValues(defaultGateway()), { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] });
});
