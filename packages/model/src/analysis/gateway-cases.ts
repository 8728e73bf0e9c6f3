// The gateway rules' failing cases, run by analyze.test.ts with the others: each adds the shop's
// ingress gateway (virtual-gateway/test-gateway.ts, which itself has no findings) and breaks one thing.
import assert from 'node:assert/strict';
import { shopWithGateway } from '../virtual-gateway/test-gateway';
import type { Case, Mutable } from './test-cases';

/** Adds the ingress gateway and its routes to `b`, and returns them to be edited. */
function gateway(b: Mutable) {
  const g = shopWithGateway();
  b.virtualGateways = g.virtualGateways;
  b.gatewayRoutes = g.gatewayRoutes;
  const listener = g.virtualGateways[0]?.spec.listeners[0] ?? assert.fail('listener');
  const route = (name: string) => g.gatewayRoutes.find((r) => r.gatewayRouteName === name) ?? assert.fail(name);
  return { spec: g.virtualGateways[0]?.spec ?? assert.fail('gateway'), listener, routes: g.gatewayRoutes, catalog: route('catalog'), frontend: route('frontend') };
}
const node = (b: Mutable, name: string) => b.virtualNodes.find((n) => n.virtualNodeName === name) ?? assert.fail(name);
const target = (service: string, port?: number) => ({ target: { virtualService: { virtualServiceName: service }, ...(port === undefined ? {} : { port }) } });

const gw = 'virtualGateway ingress';
const catalog = 'gatewayRoute ingress/catalog';
const frontend = 'gatewayRoute ingress/frontend';

export const gatewayCases: Case[] = [
  { rule: 'gateway.listener-missing', change: (b) => (gateway(b).spec.listeners = []),
    expect: { severity: 'error', resource: gw, path: 'spec.listeners', message: /needs a listener/ } },
  { rule: 'gateway.duplicate-listener-port', change: (b) => gateway(b).spec.listeners.push({ portMapping: { port: 8080, protocol: 'http' } }),
    expect: { severity: 'error', resource: gw, path: 'spec.listeners[1].portMapping.port', message: /port 8080 is already used by listener 0/ } },
  { rule: 'gateway.health-check-port-mismatch', change: (b) => (gateway(b).listener.healthCheck.port = 8081),
    expect: { severity: 'error', resource: gw, path: 'spec.listeners[0].healthCheck.port', message: /8081 does not match the listener port 8080/ } },
  { rule: 'gateway.health-check-path-missing', change: (b) => delete gateway(b).listener.healthCheck.path,
    expect: { severity: 'error', resource: gw, path: 'spec.listeners[0].healthCheck.path', message: /needs a path, such as \/health/ } },
  { rule: 'gateway.health-check-path-ignored', change: (b) => { const l = gateway(b).listener; l.portMapping.protocol = 'grpc'; l.healthCheck.protocol = 'grpc'; },
    expect: { severity: 'warning', resource: gw, path: 'spec.listeners[0].healthCheck.path', message: /App Mesh and meshwright ignore its path/ } },
  { rule: 'node.health-check-path-ignored', change: (b) => { const l = node(b, 'frontend').spec.listeners[0]; l.portMapping.protocol = 'grpc'; l.healthCheck.protocol = 'grpc'; },
    expect: { severity: 'warning', resource: 'virtualNode frontend', path: 'spec.listeners[0].healthCheck.path', message: /App Mesh and meshwright ignore its path/ } },
  { rule: 'gateway.connection-pool-protocol-mismatch', change: (b) => (gateway(b).listener.connectionPool = { grpc: { maxRequests: 10 } }),
    expect: { severity: 'error', resource: gw, path: 'spec.listeners[0].connectionPool.grpc', message: /does not apply to a http listener; use connectionPool.http/ } },
  { rule: 'gateway.access-log-path-not-allowed', change: (b) => (gateway(b).spec.logging.accessLog.file.path = '/etc/passwd'),
    expect: { severity: 'error', resource: gw, path: 'spec.logging.accessLog.file.path', message: /outside the allowed roots/ } },
  { rule: 'quota.virtual-gateways', options: { quotas: { virtualGatewaysPerMesh: 0 } }, change: (b) => void gateway(b),
    expect: { severity: 'error', resource: 'mesh shop', path: '', message: /^1 virtual gateways in this mesh exceed the limit of 0$/ } },
  { rule: 'quota.gateway-routes-per-gateway', options: { quotas: { gatewayRoutesPerGateway: 1 } }, change: (b) => void gateway(b),
    expect: { severity: 'error', resource: gw, path: '', message: /^2 gateway routes exceed the limit of 1 per virtual gateway$/ } },
  { rule: 'name.duplicate (gateway route)', code: 'name.duplicate', change: (b) => { const g = gateway(b); g.routes.push(structuredClone(g.frontend)); },
    expect: { severity: 'error', resource: frontend, path: 'gatewayRouteName', message: /already named ingress\/frontend/ } },
  { rule: 'gatewayRoute.gateway-missing', change: (b) => (gateway(b).catalog.virtualGatewayName = 'gone'),
    expect: { severity: 'error', resource: 'gatewayRoute gone/catalog', path: 'virtualGatewayName', message: /virtual gateway gone does not exist/ } },
  { rule: 'gatewayRoute.kind-mismatch', change: (b) => (gateway(b).catalog.spec = { grpcRoute: { match: { serviceName: 'shop.Catalog' }, action: target('catalog.shop.local', 9080) } }),
    expect: { severity: 'error', resource: catalog, path: 'spec.grpcRoute', message: /a grpcRoute does not fit virtual gateway ingress's http listener on port 8080/ } },
  { rule: 'gatewayRoute.match-port-required', change: (b) => gateway(b).spec.listeners.push({ portMapping: { port: 9090, protocol: 'http' } }),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.match.port', message: /has 2 listeners, so the gateway route must say which port/ } },
  { rule: 'gatewayRoute.match-port-unknown', change: (b) => (gateway(b).frontend.spec.httpRoute.match.port = 9999),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.match.port', message: /has no listener on port 9999/ } },
  { rule: 'gatewayRoute.match-missing', change: (b) => (gateway(b).frontend.spec.httpRoute.match = {}),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.match', message: /needs a prefix .*, a path, a hostname or a port/ } },
  { rule: 'gatewayRoute.match-missing (grpc)', code: 'gatewayRoute.match-missing',
    change: (b) => { const g = gateway(b); g.listener.portMapping.protocol = 'grpc'; g.catalog.spec = { grpcRoute: { match: {}, action: target('catalog.shop.local') } }; },
    expect: { severity: 'error', resource: catalog, path: 'spec.grpcRoute.match', message: /needs a service name, a hostname, metadata or a port/ } },
  { rule: 'gatewayRoute.match-ambiguous', change: (b) => (gateway(b).catalog.spec.httpRoute.match.path = { exact: '/catalog/x' }),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.match.path', message: /either prefix or path, not both/ } },
  { rule: 'gatewayRoute.prefix-invalid', change: (b) => (gateway(b).catalog.spec.httpRoute.match.prefix = 'catalog/'),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.match.prefix', message: /must start with "\/"/ } },
  { rule: 'gatewayRoute.path-invalid', change: (b) => (gateway(b).frontend.spec.httpRoute.match = { path: { exact: 'index.html' } }),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.match.path.exact', message: /an exact path must start with "\/"/ } },
  { rule: 'gatewayRoute.hostname-invalid', change: (b) => (gateway(b).frontend.spec.httpRoute.match.hostname = { exact: 'shop.example.com', suffix: '.example.com' }),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.match.hostname', message: /exactly one of exact or suffix/ } },
  { rule: 'gatewayRoute.header-range-invalid', change: (b) => (gateway(b).frontend.spec.httpRoute.match.headers = [{ name: 'x-version', match: { range: { start: 5, end: 1 } } }]),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.match.headers[0].match.range', message: /range start 5 must be below end 1/ } },
  { rule: 'gatewayRoute.prefix-reserved', change: (b) => (gateway(b).catalog.spec.httpRoute.match.prefix = '/aws-app-mesh-admin/'),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.match.prefix', message: /starting with \/aws-app-mesh are reserved by App Mesh/ } },
  { rule: 'gatewayRoute.service-name-reserved',
    change: (b) => { const g = gateway(b); g.listener.portMapping.protocol = 'grpc'; g.catalog.spec = { grpcRoute: { match: { serviceName: 'aws.appmesh.Admin' }, action: target('catalog.shop.local') } }; },
    expect: { severity: 'error', resource: catalog, path: 'spec.grpcRoute.match.serviceName', message: /starting with aws.appmesh are reserved by App Mesh/ } },
  { rule: 'gatewayRoute.rewrite-mismatch', change: (b) => (gateway(b).frontend.spec.httpRoute = { match: { path: { exact: '/index.html' } }, action: { ...target('frontend.shop.local'), rewrite: { prefix: { value: '/' } } } }),
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.action.rewrite.prefix', message: /a prefix rewrite only applies to a prefix match, not an exact path match/ } },
  { rule: 'gatewayRoute.rewrite-mismatch (path rewrite on a prefix)', code: 'gatewayRoute.rewrite-mismatch',
    change: (b) => (gateway(b).catalog.spec.httpRoute.action.rewrite = { path: { exact: '/catalog' } }),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.action.rewrite.path', message: /a path rewrite only applies to an exact or regex path match, not a prefix match/ } },
  { rule: 'gatewayRoute.rewrite-invalid', change: (b) => (gateway(b).catalog.spec.httpRoute.action.rewrite = { prefix: { value: 'v2' } }),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.action.rewrite.prefix.value', message: /must start and end with "\/" \(got "v2"\)/ } },
  { rule: 'gatewayRoute.rewrite-invalid (matched prefix)', code: 'gatewayRoute.rewrite-invalid',
    change: (b) => { const r = gateway(b).catalog.spec.httpRoute; r.match.prefix = '/catalog'; r.action.rewrite = { prefix: { value: '/v2/' } }; },
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.action.rewrite.prefix.value', message: /the matched prefix must end with "\/" too \(got "\/catalog"\)/ } },
  { rule: 'gatewayRoute.shadowed', change: (b) => { const g = gateway(b); g.routes.push({ ...structuredClone(g.frontend), gatewayRouteName: 'home' }); },
    expect: { severity: 'warning', resource: 'gatewayRoute ingress/home', path: 'spec.httpRoute.match', message: /gateway route frontend has the same priority and match and wins/ } },
  { rule: 'gatewayRoute.shadowed (the only port, written out)', code: 'gatewayRoute.shadowed',
    change: (b) => { const g = gateway(b); const copy = structuredClone(g.frontend); copy.spec.httpRoute.match = { port: 8080 }; g.routes.push({ ...copy, gatewayRouteName: 'home' }); },
    expect: { severity: 'warning', resource: 'gatewayRoute ingress/home', path: 'spec.httpRoute.match', message: /gateway route frontend .* wins/ } },
  { rule: 'gatewayRoute.target-missing', change: (b) => (gateway(b).catalog.spec.httpRoute.action.target.virtualService.virtualServiceName = 'reviews.shop.local'),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.action.target.virtualService.virtualServiceName', message: /reviews.shop.local does not exist/ } },
  { rule: 'gatewayRoute.target-port-required', change: (b) => { void gateway(b); node(b, 'frontend').spec.listeners.push({ portMapping: { port: 8081, protocol: 'http' } }); },
    expect: { severity: 'error', resource: frontend, path: 'spec.httpRoute.action.target.port', message: /served on ports 8080, 8081; say which/ } },
  { rule: 'gatewayRoute.target-port-unknown', change: (b) => (gateway(b).catalog.spec.httpRoute.action.target.port = 9999),
    expect: { severity: 'error', resource: catalog, path: 'spec.httpRoute.action.target.port', message: /has no port 9999; its ports are 9080/ } },
  { rule: 'gatewayRoute.target-protocol-mismatch',
    change: (b) => gateway(b).routes.push({ virtualGatewayName: 'ingress', gatewayRouteName: 'payments', spec: { httpRoute: { match: { prefix: '/pay/' }, action: target('payments.shop.local') } } }),
    expect: { severity: 'error', resource: 'gatewayRoute ingress/payments', path: 'spec.httpRoute.action.target.port', message: /speaks tcp on port 7000/ } },
];
