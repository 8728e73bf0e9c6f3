import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileAllGateways, compileGateway, UnknownVirtualGatewayError } from './compile-gateway';
import type { JsonObject } from '../envoy/json';
import { arr, obj } from './test-json';
import { gatewayMesh, httpGatewayRoute } from './test-gateway-mesh';
import type { GatewayRouteSpec } from '../gateway-route/schema';


type Result = ReturnType<typeof compileGateway>;
const hosts = (r: Result, port = 8080) => arr(obj(r.resources.routes.find((x) => x.name === `rds_ingress_http_${port}`)).virtual_hosts).map(obj);
const host = (r: Result, domain: string, port = 8080) => {
  const found = hosts(r, port).find((h) => arr(h.domains).includes(domain));
  return obj(found);
};
/** Each Envoy route of a virtual host as `name match -> rewrite`. */
const summary = (h: JsonObject) => arr(h.routes).map(obj).map((e) => {
  const m = obj(e.match);
  const path = m.prefix !== undefined ? `prefix ${String(m.prefix)}` : m.path !== undefined ? `path ${String(m.path)}` : `regex ${String(obj(m.safe_regex).regex)}`;
  const a = obj(e.route);
  return `${String(e.name)} ${path} -> ${a.prefix_rewrite === undefined ? 'same path' : String(a.prefix_rewrite)}, Host ${a.host_rewrite_literal === undefined ? 'kept' : String(a.host_rewrite_literal)}`;
});

test('a gateway listener on its own port routes to the self-redirect cluster, then the egress routes to the service', () => {
  const r = compileGateway(gatewayMesh([{ name: 'api', spec: httpGatewayRoute('api.svc', { prefix: '/api' }) }]), 'gw');
  assert.deepEqual(r.resources.listeners.map((l) => l.name), ['lds_ingress_0.0.0.0_8080', 'lds_egress_127.0.0.1_15001']);
  assert.deepEqual(obj(r.resources.listeners[0]?.address), { socket_address: { address: '0.0.0.0', port_value: 8080 } });
  assert.deepEqual(r.resources.clusters.map((c) => c.name), ['cds_egress_m_api-v1_http_8080', 'cds_egress_m_api-v2_http_8080', 'cds_ingress_m_gw_self_redirect_http_15001']);
  const egress = obj(arr(obj(r.resources.routes.find((x) => x.name === 'rds_egress_http_15001')).virtual_hosts)[0]);
  const split = obj(arr(egress.routes)[0]);
  // The router's own route, split 80/20, reached only by requests the gateway route marked for api.svc:8080.
  assert.deepEqual(obj(split.match), { prefix: '/', headers: [{ name: 'x-meshwright-gateway-target', string_match: { exact: 'api.svc:8080' } }] });
  assert.deepEqual(obj(obj(split.route).weighted_clusters).clusters, [{ name: 'cds_egress_m_api-v1_http_8080', weight: 80 }, { name: 'cds_egress_m_api-v2_http_8080', weight: 20 }]);
  assert.deepEqual(egress.request_headers_to_remove, ['x-meshwright-gateway-target']);
  assert.deepEqual(r.diagnostics, []);
});

test('the ADS bootstrap names the gateway: node id and cluster mesh/<mesh>/virtualGateway/<gateway>', () => {
  const r = compileGateway(gatewayMesh([]), 'gw', { mode: 'ads' });
  assert.deepEqual(r.bootstrap.node, { id: 'mesh/m/virtualGateway/gw', cluster: 'mesh/m/virtualGateway/gw' });
  assert.equal(obj(obj(r.bootstrap.dynamic_resources).ads_config).set_node_on_first_message_only, true);
  const hcm = obj(obj(arr(obj(arr(r.resources.listeners[0]?.filter_chains)[0]).filters)[0]).typed_config);
  assert.deepEqual(hcm.rds, { config_source: { ads: {}, resource_api_version: 'V3' }, route_config_name: 'rds_ingress_http_8080' });
});

test('routes go by priority, then longest prefix, whatever their names and creation order', () => {
  const r = compileGateway(gatewayMesh([
    { name: 'a-root', spec: httpGatewayRoute('web.svc', { prefix: '/' }, { prefix: { defaultPrefix: 'DISABLED' } }) },
    { name: 'b-short', spec: httpGatewayRoute('web.svc', { prefix: '/ch/' }) },
    { name: 'c-long', spec: httpGatewayRoute('web.svc', { prefix: '/ch/long/' }) },
    { name: 'd-first', spec: httpGatewayRoute('web.svc', { prefix: '/z/' }, undefined, 5) },
  ]), 'gw');
  assert.deepEqual(arr(host(r, '*').routes).map((e) => obj(e).name), ['d-first', 'c-long', 'b-short', 'a-root']);
});

test('the default rewrites: Host becomes the service name and the matched prefix becomes /, with or without a trailing slash', () => {
  const r = compileGateway(gatewayMesh([
    { name: 'chapter', spec: httpGatewayRoute('api.svc', { prefix: '/chapter' }) },
    { name: 'book', spec: httpGatewayRoute('api.svc', { prefix: '/book/' }) },
    { name: 'root', spec: httpGatewayRoute('api.svc', {}) },
  ]), 'gw');
  assert.deepEqual(summary(host(r, '*')), [
    // `/chapter/1` -> `/1` and `/chapter` -> `/`: Envoy needs two routes for a prefix without trailing slash.
    'chapter prefix /chapter/ -> /, Host api.svc',
    'chapter prefix /chapter -> /, Host api.svc',
    'book prefix /book/ -> /, Host api.svc',
    'root prefix / -> same path, Host api.svc',
  ]);
});

test('rewrites switched off, a prefix value, and path.exact', () => {
  const r = compileGateway(gatewayMesh([
    { name: 'keep', spec: httpGatewayRoute('api.svc', { prefix: '/keep' }, { prefix: { defaultPrefix: 'DISABLED' }, hostname: { defaultTargetHostname: 'DISABLED' } }) },
    { name: 'value', spec: httpGatewayRoute('api.svc', { prefix: '/old' }, { prefix: { value: '/new/' } }) },
    { name: 'exact', spec: httpGatewayRoute('api.svc', { path: { exact: '/login' } }, { path: { exact: '/auth/login' } }) },
    { name: 'regex', spec: httpGatewayRoute('api.svc', { path: { regex: '/v[0-9]+/x' } }) },
  ]), 'gw');
  assert.deepEqual(summary(host(r, '*')), [
    'exact path /login -> /auth/login, Host api.svc',
    'keep prefix /keep -> same path, Host kept',
    'value prefix /old/ -> /new/, Host api.svc',
    'value prefix /old -> /new/, Host api.svc',
    'regex regex /v[0-9]+/x -> same path, Host api.svc',
  ]);
});

test('hostname matches become virtual hosts; each also carries the suffix and host-less routes that match its hosts', () => {
  const r = compileGateway(gatewayMesh([
    { name: 'exact', spec: httpGatewayRoute('api.svc', { prefix: '/e/', hostname: { exact: 'api.example.com' } }) },
    { name: 'suffix', spec: httpGatewayRoute('api.svc', { prefix: '/s/', hostname: { suffix: '.example.com' } }) },
    { name: 'any', spec: httpGatewayRoute('web.svc', { prefix: '/' }) },
  ]), 'gw');
  assert.deepEqual(hosts(r).map((h) => h.domains), [['api.example.com', 'api.example.com:8080'], ['*.example.com', '*.example.com:8080'], ['*']]);
  const names = (domain: string) => arr(host(r, domain).routes).map((e) => obj(e).name);
  assert.deepEqual(names('api.example.com'), ['exact', 'suffix', 'any']);
  assert.deepEqual(names('*.example.com'), ['suffix', 'any']);
  assert.deepEqual(names('*'), ['any']);
});

test('header, query and method matches; gRPC matches the service and rewrites only the Host', () => {
  const r = compileGateway(gatewayMesh([
    { name: 'h', spec: httpGatewayRoute('api.svc', { prefix: '/', method: 'POST', headers: [{ name: 'x-v', match: { exact: '2' } }], queryParameters: [{ name: 'beta' }] }) },
  ]), 'gw');
  const m = obj(obj(arr(host(r, '*').routes)[0]).match);
  assert.deepEqual(m, {
    prefix: '/',
    headers: [{ name: 'x-v', string_match: { exact: '2' } }, { name: ':method', string_match: { exact: 'POST' } }],
    query_parameters: [{ name: 'beta', present_match: true }],
  });
  const grpc: GatewayRouteSpec = { grpcRoute: { match: { serviceName: 'shop.Cart' }, action: { target: { virtualService: { virtualServiceName: 'api.svc' } } } } };
  const g = compileGateway(gatewayMesh([{ name: 'g', spec: grpc }], { listeners: [{ portMapping: { port: 9000, protocol: 'grpc' } }] }), 'gw');
  const entry = obj(arr(host(g, '*', 9000).routes)[0]);
  assert.deepEqual(obj(entry.match), { prefix: '/shop.Cart/', grpc: {} });
  assert.equal(obj(entry.route).host_rewrite_literal, 'api.svc');
  assert.equal(obj(entry.route).prefix_rewrite, undefined);
});

test('several listeners: each route serves the listener its match.port names, and cluster names carry the listener port', () => {
  const model = gatewayMesh([
    { name: 'a', spec: httpGatewayRoute('api.svc', { port: 8080 }) },
    { name: 'b', spec: httpGatewayRoute('web.svc', { port: 8081 }) },
    { name: 'lost', spec: httpGatewayRoute('web.svc', {}) },
  ], { listeners: [{ portMapping: { port: 8081, protocol: 'http' } }, { portMapping: { port: 8080, protocol: 'http' } }] });
  const r = compileGateway(model, 'gw');
  assert.deepEqual(r.resources.listeners.map((l) => l.name), ['lds_ingress_0.0.0.0_8080', 'lds_ingress_0.0.0.0_8081', 'lds_egress_127.0.0.1_15001']);
  assert.deepEqual(arr(host(r, '*', 8080).routes).map((e) => obj(e).name), ['a']);
  assert.deepEqual(arr(host(r, '*', 8081).routes).map((e) => obj(e).name), ['b']);
  assert.ok(r.resources.clusters.some((c) => c.name === 'cds_ingress_m_gw_self_redirect_8081_http_15001'));
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.resource.name} ${d.path}`), ['gatewayRoute.match-port-required gw/lost spec.httpRoute.match.port']);
});

test('a route to a missing service is left out and reported under its analysis code', () => {
  const r = compileGateway(gatewayMesh([{ name: 'nowhere', spec: httpGatewayRoute('missing.svc', {}) }]), 'gw');
  assert.deepEqual(arr(host(r, '*').routes), []);
  assert.deepEqual(r.diagnostics.map((d) => `${d.code} ${d.resource.kind}/${d.resource.name} ${d.path}`),
    ['gatewayRoute.target-missing gatewayRoute/gw/nowhere spec.httpRoute.action.target.virtualService.virtualServiceName']);
});

test('an unknown gateway is an error naming it; compileAllGateways covers every gateway in name order', () => {
  const model = gatewayMesh([]);
  assert.throws(() => compileGateway(model, 'nope'), (e: unknown) => e instanceof UnknownVirtualGatewayError && /virtual gateway "nope"/.test(e.message));
  const two = { ...model, virtualGateways: [...model.virtualGateways, { virtualGatewayName: 'a-gw', spec: model.virtualGateways[0]?.spec ?? { listeners: [] } }] };
  assert.deepEqual([...compileAllGateways(two).keys()], ['a-gw', 'gw']);
  assert.deepEqual(compileAllGateways(two).get('gw'), compileGateway(two, 'gw'));
});

test('a gateway listener on the egress or admin port is left out and reported: it could not bind', () => {
  const r = compileGateway(gatewayMesh([{ name: 'a', spec: httpGatewayRoute('api.svc', { port: 8080 }) }],
    { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }, { portMapping: { port: 15001, protocol: 'http' } }] }), 'gw');
  assert.deepEqual(r.resources.listeners.map((l) => l.name), ['lds_ingress_0.0.0.0_8080', 'lds_egress_127.0.0.1_15001']);
  assert.deepEqual(r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.path}`), ['error compile.gateway-port-taken spec.listeners[1].portMapping.port']);
});
