import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MeshModel } from '../input/mesh-model';
import { effectiveGatewayRouting } from './effective-routing';
import type { GatewayRouteSpec } from './schema';

const to = (virtualServiceName: string) => ({ target: { virtualService: { virtualServiceName } } });

function mesh(routes: Record<string, GatewayRouteSpec>, gateway = 'ingress'): MeshModel {
  return {
    mesh: { meshName: 'books', spec: {} },
    virtualNodes: [],
    virtualRouters: [],
    routes: [],
    virtualServices: [{ virtualServiceName: 'chapters.books.local', spec: {} }],
    virtualGateways: [{ virtualGatewayName: gateway, spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    gatewayRoutes: Object.entries(routes).map(([gatewayRouteName, spec]) => ({ virtualGatewayName: gateway, gatewayRouteName, spec })),
  };
}

const only = (routes: Record<string, GatewayRouteSpec>) => effectiveGatewayRouting(mesh(routes), 'ingress')[0] ?? assert.fail('one route');

test('by default a prefix becomes / and the Host becomes the target service name', () => {
  const r = only({ chapters: { httpRoute: { match: { prefix: '/chapter' }, action: to('chapters.books.local') } } });
  assert.equal(r.sentence, 'Requests for any host + /chapter* reach chapters.books.local as /* on Host chapters.books.local');
  assert.deepEqual(r.example, { request: '/chapter/1', upstream: '/1' });
  assert.deepEqual(r.hostRewrite, { kind: 'target', value: 'chapters.books.local' });
  assert.equal(r.targetExists, true);
});

test('with both default rewrites DISABLED the service sees the original path and Host', () => {
  const r = only({
    keep: { httpRoute: { match: { prefix: '/chapter/', hostname: { exact: 'books.example.com' } }, action: { ...to('chapters.books.local'), rewrite: { prefix: { defaultPrefix: 'DISABLED' }, hostname: { defaultTargetHostname: 'DISABLED' } } } } },
  });
  assert.equal(r.sentence, "Requests for books.example.com + /chapter/* reach chapters.books.local as /chapter/* on the client's Host (unchanged)");
  assert.deepEqual(r.example, { request: '/chapter/1', upstream: '/chapter/1' });
});

test('a prefix value replaces the matched prefix, one slash at the joint', () => {
  const r = only({ v2: { http2Route: { match: { prefix: '/old', hostname: { suffix: '.example.com' } }, action: { ...to('chapters.books.local'), rewrite: { prefix: { value: '/new/' } } } } } });
  assert.match(r.sentence, /^Requests for \*\.example\.com \+ \/old\* reach chapters\.books\.local as \/new\/\* on Host chapters\.books\.local$/);
  assert.deepEqual(r.example, { request: '/old/1', upstream: '/new/1' });
});

test('an exact path match keeps its path unless path.exact sets another; no prefix default applies', () => {
  const [login, legacy] = effectiveGatewayRouting(
    mesh({
      legacy: { httpRoute: { match: { path: { exact: '/signin' } }, action: { ...to('auth.books.local'), rewrite: { path: { exact: '/login' } } } } },
      login: { httpRoute: { match: { path: { exact: '/login' }, method: 'POST' }, action: to('auth.books.local') } },
    }),
    'ingress',
  );
  assert.equal(login?.sentence, 'Requests for any host + /login with method POST reach auth.books.local as /login on Host auth.books.local');
  assert.equal(legacy?.sentence, 'Requests for any host + /signin reach auth.books.local as /login on Host auth.books.local');
  assert.equal(legacy?.targetExists, false, 'auth.books.local is not in the mesh');
  assert.equal(legacy?.example, undefined);
});

test('routes come in the order the gateway tries them: priority, then longest prefix, whatever their names', () => {
  const routes = effectiveGatewayRouting(
    mesh({
      a: { httpRoute: { match: { prefix: '/' }, action: to('chapters.books.local') } },
      b: { httpRoute: { match: { prefix: '/chapter/intro' }, action: to('chapters.books.local') } },
      c: { httpRoute: { match: { prefix: '/chapter' }, action: to('chapters.books.local') } },
      d: { priority: 5, httpRoute: { match: { prefix: '/' }, action: to('chapters.books.local') } },
    }),
    'ingress',
  );
  assert.deepEqual(routes.map((r) => r.gatewayRouteName), ['d', 'b', 'c', 'a']);
});

test("only the named gateway's routes; gRPC routes rewrite the Host only", () => {
  const model = mesh({ cart: { grpcRoute: { match: { serviceName: 'shop.Cart', port: 8080, metadata: [{ name: 'tenant', match: { exact: 'a' } }] }, action: { target: { virtualService: { virtualServiceName: 'chapters.books.local' }, port: 9090 } } } } });
  model.gatewayRoutes.push({ virtualGatewayName: 'other', gatewayRouteName: 'x', spec: { httpRoute: { match: { prefix: '/' }, action: to('chapters.books.local') } } });
  const routes = effectiveGatewayRouting(model, 'ingress');
  assert.equal(routes.length, 1);
  assert.equal(routes[0]?.sentence, 'Requests for any host + /shop.Cart/* on port 8080 with metadata tenant = a reach chapters.books.local (port 9090) as /shop.Cart/* on Host chapters.books.local');
  assert.deepEqual(effectiveGatewayRouting(model, 'nobody'), []);
});

test('a route matching only a port takes every path and leaves it alone', () => {
  const r = only({ all: { httpRoute: { match: { port: 8080, headers: [{ name: 'x-beta', invert: true, match: { prefix: 'y' } }], queryParameters: [{ name: 'v' }] }, action: to('chapters.books.local') } } });
  assert.equal(r.sentence, 'Requests for any host + any path on port 8080 with header x-beta not starting with y, query v present reach chapters.books.local as the same path on Host chapters.books.local');
});
