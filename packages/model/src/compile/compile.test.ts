import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile, compileAll, UnknownVirtualNodeError } from './compile';
import type { JsonObject } from '../envoy/json';
import { arr, obj } from './test-json';
import { httpRoute, testMesh } from './test-mesh';


function egressVirtualHosts(result: ReturnType<typeof compile>): JsonObject[] {
  const rc = result.resources.routes.find((r) => r.name === 'rds_egress_http_15001');
  return arr(obj(rc).virtual_hosts).map(obj);
}
const vhost = (result: ReturnType<typeof compile>, name: string) => {
  const found = egressVirtualHosts(result).find((v) => v.name === name);
  return obj(found);
};

test('resources carry App Mesh names and @type on every resource', () => {
  const r = compile(testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }]), 'web');
  assert.deepEqual(r.resources.listeners.map((l) => l.name), ['lds_ingress_0.0.0.0_15000', 'lds_egress_0.0.0.0_15001', 'lds_egress_tcp_db.svc_5432']);
  assert.deepEqual(r.resources.clusters.map((c) => c.name), ['cds_egress_m_api-v1_http_8080', 'cds_egress_m_db_tcp_5432', 'cds_ingress_m_web_http_80']);
  assert.deepEqual(r.resources.routes.map((c) => c.name), ['rds_egress_http_15001', 'rds_ingress_http_80']);
  for (const res of [...r.resources.listeners, ...r.resources.clusters, ...r.resources.routes]) assert.match(res['@type'], /^type\.googleapis\.com\/envoy\./);
  assert.deepEqual(vhost(r, 'api.svc').domains, ['api.svc', 'api.svc:8080']);
});

test('output does not depend on the order of the model lists', () => {
  const routes = [
    { name: 'b', spec: httpRoute([['api-v1', 60], ['api-v2', 40]], {}, 5) },
    { name: 'a', spec: httpRoute([['api-v2', 1]], { match: { prefix: '/a' } }, 5) },
  ];
  const model = testMesh(routes);
  const shuffled = { ...model, virtualNodes: [...model.virtualNodes].reverse(), routes: [...model.routes].reverse(), virtualServices: [...model.virtualServices].reverse() };
  assert.deepEqual(compile(shuffled, 'web'), compile(model, 'web'));
});

test('routes are ordered by priority, then name; routes without priority come last', () => {
  const r = compile(testMesh([
    { name: 'z-late', spec: httpRoute([['api-v1', 1]]) },
    { name: 'b', spec: httpRoute([['api-v1', 1]], { match: { prefix: '/b' } }, 2) },
    { name: 'a', spec: httpRoute([['api-v2', 1]], { match: { prefix: '/a' } }, 2) },
    { name: 'first', spec: httpRoute([['api-v2', 1]], { match: { prefix: '/f' } }, 0) },
  ]), 'web');
  assert.deepEqual(arr(vhost(r, 'api.svc').routes).map((x) => obj(x).name), ['first', 'a', 'b', 'z-late']);
});

test('weighted targets become weighted_clusters; zero weights are left out', () => {
  const r = compile(testMesh([{ name: 'split', spec: httpRoute([['api-v1', 80], ['api-v2', 20], ['api-v1', 0]]) }]), 'web');
  const route = obj(obj(arr(vhost(r, 'api.svc').routes)[0]).route);
  assert.deepEqual(route.weighted_clusters, { clusters: [{ name: 'cds_egress_m_api-v1_http_8080', weight: 80 }, { name: 'cds_egress_m_api-v2_http_8080', weight: 20 }] });
  assert.equal(obj(route.weighted_clusters).total_weight, undefined);
});

test('retry events map to Envoy retry_on words', () => {
  const r = compile(testMesh([{
    name: 'retry',
    spec: httpRoute([['api-v1', 1]], {
      retryPolicy: { maxRetries: 3, perRetryTimeout: { unit: 'ms', value: 250 }, httpRetryEvents: ['server-error', 'client-error', 'stream-error', 'bogus'], tcpRetryEvents: ['connection-error'] },
    }),
  }]), 'web');
  const policy = obj(obj(obj(arr(vhost(r, 'api.svc').routes)[0]).route).retry_policy);
  assert.deepEqual(policy, {
    retry_on: '5xx,connect-failure,refused-stream,reset,retriable-status-codes',
    num_retries: 3,
    per_try_timeout: '0.25s',
    retriable_status_codes: [409],
  });
  const d = r.diagnostics.find((x) => x.code === 'compile.retry-event-unknown');
  assert.equal(d?.path, 'spec.httpRoute.retryPolicy.httpRetryEvents[3]');
  assert.deepEqual(d?.resource, { kind: 'route', name: 'api-router/retry' });
});

test('header, method and query matches map to Envoy matchers, with invert', () => {
  const r = compile(testMesh([{
    name: 'm',
    spec: httpRoute([['api-v1', 1]], {
      match: {
        path: { regex: '/items/[0-9]+' },
        method: 'POST',
        headers: [{ name: 'x-v', invert: true, match: { range: { start: 1, end: 3 } } }, { name: 'x-any' }, { name: 'x-re', match: { regex: 'a.*' } }],
        queryParameters: [{ name: 'q', match: { exact: 'yes' } }],
      },
    }),
  }]), 'web');
  assert.deepEqual(obj(arr(vhost(r, 'api.svc').routes)[0]).match, {
    safe_regex: { regex: '/items/[0-9]+' },
    headers: [
      { name: 'x-v', range_match: { start: '1', end: '3' }, invert_match: true },
      { name: 'x-any', present_match: true },
      { name: 'x-re', string_match: { safe_regex: { regex: 'a.*' } } },
      { name: ':method', string_match: { exact: 'POST' } },
    ],
    query_parameters: [{ name: 'q', string_match: { exact: 'yes' } }],
  });
});

test('a Cloud Map target is reported and left out, never dropped silently', () => {
  const r = compile(testMesh([{ name: 'cm', spec: httpRoute([['api-v1', 50], ['api-cloudmap', 50]]) }]), 'web');
  const d = r.diagnostics.find((x) => x.code === 'compile.cloud-map-unsupported');
  assert.ok(d, JSON.stringify(r.diagnostics));
  assert.equal(d.path, 'spec.httpRoute.action.weightedTargets[1].virtualNode');
  assert.equal(obj(obj(arr(vhost(r, 'api.svc').routes)[0]).route).cluster, 'cds_egress_m_api-v1_http_8080');
});

test('a route whose kind does not fit the router listener is reported; a route with no usable target answers 503', () => {
  const r = compile(testMesh([
    { name: 'tcp-on-http', spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'db', weight: 1 }] } } } },
    { name: 'only-cloudmap', spec: httpRoute([['api-cloudmap', 1]]) },
  ]), 'web');
  assert.ok(r.diagnostics.some((d) => d.code === 'route.kind-mismatch' && d.resource.name === 'api-router/tcp-on-http'));
  const routes = arr(vhost(r, 'api.svc').routes).map(obj);
  assert.deepEqual(routes.map((x) => x.name), ['only-cloudmap']);
  assert.equal(obj(routes[0]?.direct_response).status, 503);
});

test('DROP_ALL answers unknown hosts itself; ALLOW_ALL forwards them through a dynamic forward proxy', () => {
  const drop = compile(testMesh(), 'web');
  const catchAll = vhost(drop, 'egress_drop_all');
  assert.deepEqual(catchAll.domains, ['*']);
  assert.equal(obj(obj(arr(catchAll.routes)[0]).direct_response).status, 404);
  const model = testMesh();
  model.mesh.spec = { egressFilter: { type: 'ALLOW_ALL' } };
  const allow = compile(model, 'web');
  assert.equal(obj(obj(arr(vhost(allow, 'egress_allow_all').routes)[0]).route).cluster, 'cds_egress_m_allow_all');
  assert.ok(allow.resources.clusters.some((c) => c.name === 'cds_egress_m_allow_all'));
});

test('the egress listener takes redirected TCP by original destination port and leaves the rest to HTTP', () => {
  const r = compile(testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }]), 'web');
  const egress = obj(r.resources.listeners.find((l) => l.name === 'lds_egress_0.0.0.0_15001'));
  assert.deepEqual(arr(egress.listener_filters).map((f) => obj(f).name), ['envoy.filters.listener.original_dst']);
  const chains = arr(egress.filter_chains).map(obj);
  assert.deepEqual(chains.map((c) => [c.name, c.filter_chain_match]), [['egress_tcp_db.svc_5432', { destination_port: 5432 }]]);
  assert.equal(obj(obj(arr(chains[0]?.filters)[0]).typed_config).cluster, 'cds_egress_m_db_tcp_5432');
  const fallback = obj(egress.default_filter_chain);
  assert.equal(fallback.name, 'egress_http');
  assert.equal(obj(arr(fallback.filters)[0]).name, 'envoy.filters.network.http_connection_manager');
});

test('two TCP backends on one port: the first by name takes redirected traffic, the other is reported', () => {
  const model = testMesh([], { backends: [{ virtualService: { virtualServiceName: 'db.svc' } }, { virtualService: { virtualServiceName: 'db2.svc' } }] });
  model.virtualNodes.push({ virtualNodeName: 'db2', spec: { serviceDiscovery: { dns: { hostname: 'db2.local' } }, listeners: [{ portMapping: { port: 5432, protocol: 'tcp' } }] } });
  model.virtualServices.push({ virtualServiceName: 'db2.svc', spec: { provider: { virtualNode: { virtualNodeName: 'db2' } } } });
  const r = compile(model, 'web');
  const egress = obj(r.resources.listeners.find((l) => l.name === 'lds_egress_0.0.0.0_15001'));
  assert.deepEqual(arr(egress.filter_chains).map((c) => obj(c).name), ['egress_tcp_db.svc_5432']);
  assert.ok(r.diagnostics.some((d) => d.code === 'compile.tcp-route-shadowed' && d.message.includes('"db2.svc"')), JSON.stringify(r.diagnostics));
  // Both keep their localhost listeners.
  assert.deepEqual(r.resources.listeners.map((l) => l.name).filter((n) => n.startsWith('lds_egress_tcp_')), ['lds_egress_tcp_db.svc_5432', 'lds_egress_tcp_db2.svc_5432']);
});

test('ADS mode: listeners fetch routes over RDS and the bootstrap points at the xDS server', () => {
  const r = compile(testMesh(), 'web', { mode: 'ads', xds: { host: 'xds.local', port: 18000 } });
  const hcm = obj(obj(arr(obj(r.resources.listeners[1]?.default_filter_chain).filters)[0]).typed_config);
  assert.deepEqual(hcm.rds, { config_source: { ads: {}, resource_api_version: 'V3' }, route_config_name: 'rds_egress_http_15001' });
  assert.equal(hcm.route_config, undefined);
  const b = r.bootstrap;
  assert.deepEqual(b.node, { id: 'mesh/m/virtualNode/web', cluster: 'mesh/m/virtualNode/web' });
  assert.deepEqual(obj(b.dynamic_resources).cds_config, { ads: {}, resource_api_version: 'V3' });
  assert.equal(obj(obj(b.dynamic_resources).ads_config).transport_api_version, 'V3');
  const xds = obj(arr(obj(b.static_resources).clusters)[0]);
  assert.equal(xds.name, 'xds_cluster');
  assert.match(JSON.stringify(xds.load_assignment), /"xds\.local".*18000/);
});

test('static mode inlines everything and strips @type from the bootstrap resources only', () => {
  const r = compile(testMesh(), 'web', { ports: { admin: 1, ingress: 2, egress: 3 }, listenerAddress: '127.0.0.1' });
  const sr = obj(r.bootstrap.static_resources);
  for (const res of [...arr(sr.listeners), ...arr(sr.clusters)]) assert.equal(obj(res)['@type'], undefined);
  assert.deepEqual(arr(sr.listeners).map((l) => obj(l).name), ['lds_ingress_127.0.0.1_2', 'lds_egress_127.0.0.1_3', 'lds_egress_tcp_db.svc_5432']);
  assert.deepEqual(obj(r.bootstrap.admin).address, { socket_address: { address: '127.0.0.1', port_value: 1 } });
});

test('an unknown virtual node is an error naming it', () => {
  assert.throws(() => compile(testMesh(), 'nope'), UnknownVirtualNodeError);
});

test('compileAll gives every node the same result compile gives it alone, in name order', () => {
  const model = testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }]);
  const all = compileAll(model, { mode: 'ads' });
  assert.deepEqual([...all.keys()], ['api-cloudmap', 'api-v1', 'api-v2', 'db', 'web']);
  for (const [name, result] of all) assert.deepEqual(result, compile(model, name, { mode: 'ads' }));
});

const certFile = { file: { certificateChain: '/certs/chain.pem', privateKey: '/certs/key.pem' } };

test('a PERMISSIVE listener gets a TLS chain and a plain chain told apart by the TLS inspector', () => {
  const model = testMesh([], { listeners: [{ portMapping: { port: 80, protocol: 'http' }, tls: { mode: 'PERMISSIVE', certificate: certFile } }] });
  const ingress = compile(model, 'web').resources.listeners[0];
  assert.deepEqual(arr(ingress?.listener_filters).map((f) => obj(f).name), ['envoy.filters.listener.tls_inspector']);
  const chains = arr(ingress?.filter_chains).map(obj);
  assert.deepEqual(chains.map((c) => c.filter_chain_match), [{ transport_protocol: 'tls' }, undefined]);
  assert.equal(obj(obj(chains[0]?.transport_socket).typed_config)['@type'], 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext');
  assert.equal(chains[1]?.transport_socket, undefined);
});

test('TLS that cannot be compiled fails closed: no plain-text listener, no plain-text backend', () => {
  const acm = { mode: 'STRICT' as const, certificate: { acm: { certificateArn: 'arn:aws:acm:x' } } };
  const model = testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }], {
    listeners: [{ portMapping: { port: 80, protocol: 'http' }, tls: acm }],
    backendDefaults: { clientPolicy: { tls: { validation: { trust: { acm: { certificateAuthorityArns: ['arn:aws:acm-pca:x'] } } } } } },
  });
  const r = compile(model, 'web');
  assert.equal(r.resources.listeners.some((l) => l.name.startsWith('lds_ingress')), false);
  assert.equal(r.resources.clusters.some((c) => c.name.startsWith('cds_egress_m_api-v1')), false);
  // One error per target left out (api-v1 behind api.svc, db behind db.svc), one for the listener.
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.path), [
    'spec.backendDefaults.clientPolicy.tls.validation.trust',
    'spec.backendDefaults.clientPolicy.tls.validation.trust',
    'spec.listeners[0].tls.certificate',
  ]);
});

test('a client policy puts TLS on the clusters of its ports only, with SNI and SAN checks', () => {
  const model = testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }], {
    backends: [
      { virtualService: { virtualServiceName: 'api.svc', clientPolicy: { tls: { ports: [8080], validation: { trust: { file: { certificateChain: '/ca.pem' } }, subjectAlternativeNames: { match: { exact: ['api.local'] } } } } } } },
      { virtualService: { virtualServiceName: 'db.svc', clientPolicy: { tls: { enforce: false, validation: { trust: { file: { certificateChain: '/ca.pem' } } } } } } },
    ],
  });
  const clusters = compile(model, 'web').resources.clusters;
  const api = clusters.find((c) => c.name === 'cds_egress_m_api-v1_http_8080');
  const tls = obj(obj(api?.transport_socket).typed_config);
  assert.equal(tls.sni, 'api-v1.local');
  assert.deepEqual(obj(obj(tls.common_tls_context).validation_context), {
    trusted_ca: { filename: '/ca.pem' },
    match_typed_subject_alt_names: [{ san_type: 'DNS', matcher: { exact: 'api.local' } }, { san_type: 'URI', matcher: { exact: 'api.local' } }],
  });
  assert.equal(clusters.find((c) => c.name === 'cds_egress_m_db_tcp_5432')?.transport_socket, undefined);
});
