// One invalid variant of a realistic mesh per rule; the untouched mesh is the passing case of every rule.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import shop from '../../../../examples/shop-bundle.json' with { type: 'json' };
import type { BundleInput } from '../input/bundle';
import type { MeshModel } from '../input/mesh-model';
import { analyzeMesh } from './analyze';
import { formatFinding } from './finding';
import { findingCodes, type FindingCode } from './finding-codes';
import { validateBundle } from './validate-bundle';
import type { Case, Mutable } from './test-cases';
import { gatewayCases } from './gateway-cases';
import { shopWithGateway } from '../virtual-gateway/test-gateway';

// The gateway lists are empty, as a bundle's are by default: analyzeOnly cases skip the bundle schema.
const base = (): Mutable => ({ virtualGateways: [], gatewayRoutes: [], ...(structuredClone(shop) as unknown as Mutable) });
const node = (b: Mutable, name: string) => b.virtualNodes.find((n) => n.virtualNodeName === name) ?? assert.fail(name);
const route = (b: Mutable, name: string) => b.routes.find((r) => r.routeName === name) ?? assert.fail(name);

test('the realistic shop mesh has no findings (the passing case of every rule)', () => {
  const result = validateBundle(shop);
  assert.ok(result.model);
  assert.deepEqual(result.findings.map(formatFinding), []);
});

test('the shop mesh with its ingress gateway has no findings (the passing case of every gateway rule)', () => {
  const result = validateBundle(shopWithGateway());
  assert.ok(result.model);
  assert.deepEqual(result.findings.map(formatFinding), []);
});

const cases: Case[] = [
  ...gatewayCases,
  { rule: 'route.target-missing', change: (b) => (route(b, 'split').spec.httpRoute.action.weightedTargets[1].virtualNode = 'catalog-v3'),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[1].virtualNode', message: /catalog-v3 does not exist/ } },
  { rule: 'service.provider-missing', change: (b) => (b.virtualServices[1] = { ...b.virtualServices[1], virtualServiceName: 'frontend.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'ghost' } } } }),
    expect: { severity: 'error', resource: 'virtualService frontend.shop.local', path: 'spec.provider.virtualNode.virtualNodeName', message: /ghost does not exist/ } },
  { rule: 'node.backend-missing', change: (b) => node(b, 'frontend').spec.backends.push({ virtualService: { virtualServiceName: 'reviews.shop.local' } }),
    expect: { severity: 'warning', resource: 'virtualNode frontend', path: 'spec.backends[2].virtualService.virtualServiceName', message: /reviews.shop.local does not exist/ } },
  { rule: 'node.access-log-path-not-allowed', change: (b) => (node(b, 'frontend').spec.logging.accessLog.file.path = '/etc/cron.d/x'),
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.logging.accessLog.file.path', message: /outside the allowed roots; Envoy may write only to \/dev\/stdout, \/dev\/stderr or a file under \/var\/log\/envoy/ } },
  { rule: 'node.access-log-path-not-allowed (dot-dot)', code: 'node.access-log-path-not-allowed', change: (b) => (node(b, 'frontend').spec.logging.accessLog.file.path = '/var/log/envoy/../../../root/.ssh/authorized_keys'),
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.logging.accessLog.file.path', message: /without "\.\."/ } },
  { rule: 'node.access-log-path-not-allowed (configured root)', code: 'node.access-log-path-not-allowed', options: { accessLogRoots: ['/srv/logs'] }, change: () => undefined,
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'spec.logging.accessLog.file.path', message: /under \/srv\/logs/ } },
  { rule: 'route.kind-mismatch', change: (b) => { const r = route(b, 'split'); r.spec = { priority: 10, tcpRoute: { action: r.spec.httpRoute.action } }; },
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.tcpRoute', message: /does not fit .* http listener/ } },
  { rule: 'route.target-port-unknown', change: (b) => (route(b, 'split').spec.httpRoute.action.weightedTargets[0].port = 9999),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[0].port', message: /no listener on port 9999/ } },
  { rule: 'route.match-port-required', change: (b) => b.virtualRouters[0]?.spec.listeners.push({ portMapping: { port: 9443, protocol: 'http2' } }),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.match.port', message: /2 listeners/ } },
  { rule: 'route.weight-range (schema)', code: 'schema.invalid', change: (b) => (route(b, 'split').spec.httpRoute.action.weightedTargets[0].weight = 120),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[0].weight', message: /from 0 to 100/ } },
  { rule: 'route.weights-zero', change: (b) => route(b, 'split').spec.httpRoute.action.weightedTargets.forEach((t: { weight: number }) => (t.weight = 0)),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets', message: /all weights are 0/ } },
  { rule: 'route.weights-over-100', change: (b) => (route(b, 'split').spec.httpRoute.action.weightedTargets[1].weight = 60),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets', message: /add up to 140/ } },
  { rule: 'node.duplicate-listener-port', change: (b) => node(b, 'payments').spec.listeners.push({ portMapping: { port: 7000, protocol: 'http' } }),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'spec.listeners[1].portMapping.port', message: /already used/ } },
  { rule: 'node.health-check-port-mismatch', change: (b) => (node(b, 'frontend').spec.listeners[0].healthCheck.port = 8081),
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.listeners[0].healthCheck.port', message: /8081 does not match the listener port 8080/ } },
  { rule: 'node.health-check-path-not-http', change: (b) => (node(b, 'payments').spec.listeners[0].healthCheck = { protocol: 'tcp', path: '/x', healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000 }),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'spec.listeners[0].healthCheck.path', message: /only applies to http/ } },
  { rule: 'node.service-discovery-missing', change: (b) => delete node(b, 'catalog-v1').spec.serviceDiscovery,
    expect: { severity: 'error', resource: 'virtualNode catalog-v1', path: 'spec.serviceDiscovery', message: /no service discovery/ } },
  { rule: 'route.shadowed', change: (b) => b.routes.push({ ...structuredClone(route(b, 'split')), routeName: 'split-copy' }),
    expect: { severity: 'warning', resource: 'route catalog-router/split-copy', path: 'spec.httpRoute.match', message: /never matches/ } },
  { rule: 'quota.targets-per-route', options: { quotas: { targetsPerRoute: 1 } }, change: () => undefined,
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec', message: /2 weighted targets exceed the limit of 1/ } },
  { rule: 'quota.virtual-nodes', options: { quotas: { virtualNodesPerMesh: 3 } }, change: () => undefined,
    expect: { severity: 'error', resource: 'mesh shop', path: '', message: /4 virtual nodes in this mesh exceed the limit of 3/ } },
  { rule: 'quota.backends-per-node', options: { quotas: { backendsPerNode: 1 } }, change: () => undefined,
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.backends', message: /2 backends exceed/ } },
  { rule: 'quota.meshes', options: { meshCount: 101 }, change: () => undefined,
    expect: { severity: 'error', resource: 'mesh shop', path: '', message: /101 meshes exceed the limit of 100/ } },
  { rule: 'quota.tags-per-resource', options: { quotas: { tagsPerResource: 1 } }, change: (b) => Object.assign(node(b, 'payments'), { tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }, { key: 'a', value: '3' }] }),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'tags', message: /^2 tags exceed the limit of 1 per resource$/ } },
  { rule: 'mesh.exists', options: { meshExists: true }, change: () => undefined,
    expect: { severity: 'error', resource: 'mesh shop', path: 'meshName', message: /^a mesh named shop already exists$/ } },
  { rule: 'route.prefix-invalid', change: (b) => (route(b, 'split').spec.httpRoute.match.prefix = 'api'),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.match.prefix', message: /must start with "\/"/ } },
  { rule: 'route.target-protocol-mismatch', change: (b) => (node(b, 'catalog-v2').spec.listeners[0].portMapping.protocol = 'grpc'),
    expect: { severity: 'error', resource: 'route catalog-router/canary-header', path: 'spec.httpRoute.action.weightedTargets[0]', message: /silently dropped/ } },
  { rule: 'route.retry-event-unknown', change: (b) => route(b, 'split').spec.httpRoute.retryPolicy.httpRetryEvents.push('5xx'),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.retryPolicy.httpRetryEvents[2]', message: /unknown retry event "5xx"/ } },
  { rule: 'route.router-missing', change: (b) => (route(b, 'split').virtualRouterName = 'gone-router'),
    expect: { severity: 'error', resource: 'route gone-router/split', path: 'virtualRouterName', message: /gone-router does not exist/ } },
  { rule: 'schema: unknown field named', code: 'schema.invalid', change: (b) => (node(b, 'frontend').spec.listeners[0].portMaping = {}),
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.listeners[0].portMaping', message: /not a known field/ } },
  { rule: 'schema: union takes exactly one member', code: 'schema.invalid', change: (b) => (node(b, 'frontend').spec.serviceDiscovery.awsCloudMap = { namespaceName: 'shop', serviceName: 'frontend' }),
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.serviceDiscovery', message: /exactly one of awsCloudMap, dns, not awsCloudMap and dns/ } },
  { rule: 'name.duplicate', change: (b) => b.virtualNodes.push(structuredClone(node(b, 'payments'))),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'virtualNodeName', message: /already named payments/ } },
  { rule: 'bundle.mesh-mismatch', change: (b) => Object.assign(node(b, 'payments'), { meshName: 'other' }),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'meshName', message: /belongs to mesh other, but the bundle is for mesh shop/ } },
  { rule: 'quota.virtual-services', options: { quotas: { virtualServicesPerMesh: 2 } }, change: () => undefined,
    expect: { severity: 'error', resource: 'mesh shop', path: '', message: /3 virtual services in this mesh exceed the limit of 2/ } },
  { rule: 'quota.virtual-routers', options: { quotas: { virtualRoutersPerMesh: 0 } }, change: () => undefined,
    expect: { severity: 'error', resource: 'mesh shop', path: '', message: /1 virtual routers in this mesh exceed the limit of 0/ } },
  { rule: 'quota.routes-per-router', options: { quotas: { routesPerRouter: 1 } }, change: () => undefined,
    expect: { severity: 'error', resource: 'virtualRouter catalog-router', path: '', message: /2 routes exceed the limit of 1 per router/ } },
  { rule: 'node.connection-pool-protocol-mismatch', change: (b) => (node(b, 'payments').spec.listeners[0].connectionPool = { http: { maxConnections: 10 } }),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'spec.listeners[0].connectionPool.http', message: /does not apply to a tcp listener; use connectionPool.tcp/ } },
  { rule: 'node.timeout-protocol-mismatch', change: (b) => (node(b, 'payments').spec.listeners[0].timeout = { http: { idle: { value: 5, unit: 's' } } }),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'spec.listeners[0].timeout.http', message: /does not apply to a tcp listener; use timeout.tcp/ } },
  { rule: 'node.dns-hostname-empty', analyzeOnly: true, change: (b) => (node(b, 'payments').spec.serviceDiscovery.dns.hostname = ''),
    expect: { severity: 'error', resource: 'virtualNode payments', path: 'spec.serviceDiscovery.dns.hostname', message: /DNS hostname is empty/ } },
  { rule: 'node.duplicate-backend', change: (b) => node(b, 'frontend').spec.backends.push({ virtualService: { virtualServiceName: 'payments.shop.local' } }),
    expect: { severity: 'warning', resource: 'virtualNode frontend', path: 'spec.backends[2].virtualService.virtualServiceName', message: /payments.shop.local is listed twice/ } },
  { rule: 'node.health-check-path-missing', change: (b) => delete node(b, 'frontend').spec.listeners[0].healthCheck.path,
    expect: { severity: 'error', resource: 'virtualNode frontend', path: 'spec.listeners[0].healthCheck.path', message: /needs a path, such as \/health/ } },
  { rule: 'router.listener-missing', analyzeOnly: true, change: (b) => (b.virtualRouters[0] = { virtualRouterName: 'catalog-router', spec: { listeners: [] } }),
    expect: { severity: 'error', resource: 'virtualRouter catalog-router', path: 'spec.listeners', message: /needs a listener/ } },
  { rule: 'router.duplicate-listener-port', change: (b) => b.virtualRouters[0]?.spec.listeners.push({ portMapping: { port: 9080, protocol: 'http' } }),
    expect: { severity: 'error', resource: 'virtualRouter catalog-router', path: 'spec.listeners[1].portMapping.port', message: /port 9080 is used by another listener/ } },
  { rule: 'route.match-missing', analyzeOnly: true, change: (b) => (route(b, 'split').spec.httpRoute.match = {}),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.match', message: /needs a prefix/ } },
  { rule: 'route.match-ambiguous', change: (b) => (route(b, 'split').spec.httpRoute.match.path = { exact: '/x' }),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.match.path', message: /either prefix or path, not both/ } },
  { rule: 'route.path-invalid', change: (b) => (route(b, 'split').spec.httpRoute.match = { path: { exact: 'x' } }),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.match.path.exact', message: /exact path must start with "\/"/ } },
  { rule: 'route.header-range-invalid', change: (b) => (route(b, 'canary-header').spec.httpRoute.match.headers[0].match = { range: { start: 5, end: 5 } }),
    expect: { severity: 'error', resource: 'route catalog-router/canary-header', path: 'spec.httpRoute.match.headers[0].match.range', message: /range start 5 must be below end 5/ } },
  { rule: 'route.grpc-method-without-service', change: (b) => {
      node(b, 'catalog-v2').spec.listeners[0].portMapping.protocol = 'grpc';
      (b.virtualRouters[0] ?? assert.fail('router')).spec.listeners[0].portMapping.protocol = 'grpc';
      b.routes = b.routes.filter((r) => r.routeName !== 'split');
      route(b, 'canary-header').spec = { grpcRoute: { match: { methodName: 'Get' }, action: { weightedTargets: [{ virtualNode: 'catalog-v2', weight: 1 }] } } };
    },
    expect: { severity: 'error', resource: 'route catalog-router/canary-header', path: 'spec.grpcRoute.match.methodName', message: /a method name needs a service name/ } },
  { rule: 'route.match-port-unknown', change: (b) => (route(b, 'split').spec.httpRoute.match.port = 9999),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.match.port', message: /no listener on port 9999/ } },
  { rule: 'route.target-without-listener', analyzeOnly: true, change: (b) => (node(b, 'catalog-v2').spec.listeners = []),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[1].virtualNode', message: /catalog-v2 has no listener/ } },
  { rule: 'route.target-port-required', change: (b) => node(b, 'catalog-v2').spec.listeners.push({ portMapping: { port: 9081, protocol: 'http' } }),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[1].port', message: /catalog-v2 has 2 listeners; say which port/ } },
  { rule: 'route.duplicate-target', change: (b) => (route(b, 'split').spec.httpRoute.action.weightedTargets[1].virtualNode = 'catalog-v1'),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[1]', message: /catalog-v1 is a target twice/ } },
  { rule: 'route.weight-range', analyzeOnly: true, change: (b) => (route(b, 'split').spec.httpRoute.action.weightedTargets[0].weight = -1),
    expect: { severity: 'error', resource: 'route catalog-router/split', path: 'spec.httpRoute.action.weightedTargets[0].weight', message: /weight -1 is outside 0-100/ } },
  { rule: 'service.provider-none', change: (b) => (b.virtualServices[2] = { virtualServiceName: 'payments.shop.local', spec: {} }),
    expect: { severity: 'warning', resource: 'virtualService payments.shop.local', path: 'spec.provider', message: /has no provider/ } },
  { rule: 'service.provider-without-listener',
    change: (b) => { node(b, 'frontend').spec.listeners = []; b.virtualServices.push({ virtualServiceName: 'frontend.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'frontend' } } } }); },
    expect: { severity: 'warning', resource: 'virtualService frontend.shop.local', path: 'spec.provider.virtualNode.virtualNodeName', message: /frontend has no listener, so it cannot answer/ } },
  { rule: 'service.router-without-routes', change: (b) => (b.routes = []),
    expect: { severity: 'warning', resource: 'virtualService catalog.shop.local', path: 'spec.provider.virtualRouter.virtualRouterName', message: /has no routes yet/ } },
];

for (const c of cases) {
  test(`${c.rule}: reported with severity, resource, path and a readable message`, () => {
    const b = base();
    c.change(b);
    const findings = c.analyzeOnly ? analyzeMesh(b as unknown as MeshModel, c.options) : validateBundle(b as unknown as BundleInput, c.options).findings;
    const hit = findings.find((f) => `${f.resource.kind} ${f.resource.name}` === c.expect.resource && f.path === c.expect.path && c.expect.message.test(f.message));
    assert.ok(hit, `expected ${c.expect.resource} ${c.expect.path} ~ ${c.expect.message}; got:\n${findings.map(formatFinding).join('\n')}`);
    assert.equal(hit.severity, c.expect.severity);
    assert.equal(hit.code, codeOf(c));
  });
}

function codeOf(c: Case): FindingCode {
  const code = c.code ?? findingCodes.find((known) => known === c.rule);
  return code ?? assert.fail(`case ${c.rule} names no known code`);
}

// A code no case produces fails here, so every rule has a failing case that asserts its code.
test('the cases above produce every finding code in findingCodes', () => {
  const produced = new Set(cases.map(codeOf));
  assert.deepEqual(findingCodes.filter((code) => !produced.has(code)), []);
});
