// Every compiled gateway fixture, in both modes, passes `envoy --mode validate` with deprecated
// features made fatal: the data-plane proofs' gateway meshes and a corner gateway with three
// protocols, PERMISSIVE and mutual TLS, connection pools, a JSON access log and TLS to backends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bundleFromMeshModel, compileGateway, formatFinding, toEnvoyYaml, validateBundle, type MeshModel } from '@meshwright/model';
import { makeCerts } from '../../../../testkit/certs';
import { validateWithEnvoy as envoyAccepts } from '../../../../testkit/envoy';
import { adsResourcesInline } from '../../../../testkit/envoy-proof';
import { httpTo, matchGatewayMesh, multiListenerGatewayMesh, rewriteGatewayMesh, splitGatewayMesh, targetPortGatewayMesh, type GatePorts } from '../../../../testkit/gateway-meshes';
import { connectionPoolGatewayMesh, grpcGatewayMesh, http2GatewayMesh, mixedGatewayMesh, tlsGatewayMesh } from '../../../../testkit/gateway-protocol-meshes';

const certs = makeCerts(['secure.gate.local']);
/** A port for every upstream node a fixture names (validate binds nothing): 9100, 9101, ... in order of asking. */
const assigned = new Map<string, number>();
const upstream = new Proxy<Record<string, number>>({}, {
  get: (_, name) => {
    const key = String(name);
    if (!assigned.has(key)) assigned.set(key, 9100 + assigned.size);
    return assigned.get(key);
  },
});
const one: GatePorts = { upstream, gateway: [8443] };
const two: GatePorts = { upstream, gateway: [8080, 8081] };

/** Three listeners, one per protocol: PERMISSIVE TLS with client validation, STRICT TLS, plain; and an ACM listener compile leaves out. */
function cornerGateway(): MeshModel {
  const base = grpcGatewayMesh(one);
  const cert = { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } };
  const trust = { trust: { file: { certificateChain: certs.caCert } } };
  const gateway = base.virtualGateways[0];
  assert.ok(gateway);
  gateway.spec = {
    listeners: [
      { portMapping: { port: 8080, protocol: 'http' }, tls: { mode: 'PERMISSIVE', certificate: cert, validation: { ...trust, subjectAlternativeNames: { match: { exact: ['client.mw.test'] } } } }, connectionPool: { http: { maxConnections: 10, maxPendingRequests: 5 } } },
      { portMapping: { port: 8081, protocol: 'http2' }, tls: { mode: 'STRICT', certificate: cert }, connectionPool: { http2: { maxRequests: 100 } } },
      { portMapping: { port: 8082, protocol: 'grpc' }, connectionPool: { grpc: { maxRequests: 50 } } },
      { portMapping: { port: 8083, protocol: 'http' }, tls: { mode: 'STRICT', certificate: { acm: { certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/x' } } } },
    ],
    backendDefaults: { clientPolicy: { tls: { certificate: { file: { certificateChain: certs.clientCert, privateKey: certs.clientKey } }, validation: trust } } },
    logging: { accessLog: { file: { path: '/tmp/mw-gateway-fixture-access.log', format: { json: [{ key: 'path', value: '%REQ(:PATH)%' }, { key: 'code', value: '%RESPONSE_CODE%' }] } } } },
  };
  const grpc = base.gatewayRoutes.map((r) => ({ ...r, spec: { ...r.spec, grpcRoute: r.spec.grpcRoute && { ...r.spec.grpcRoute, match: { ...r.spec.grpcRoute.match, port: 8082 } } } }));
  const http = [
    { name: 'h1-host', spec: httpTo('cart-adder', { prefix: '/a', port: 8080, hostname: { suffix: '.example.com' } }, { prefix: { defaultPrefix: 'DISABLED' } }) },
    { name: 'h2-exact', spec: httpTo('cart-lister', { path: { exact: '/list' }, port: 8081, method: 'GET' }, { path: { exact: '/v1/list' } }, 3, 'http2Route') },
    { name: 'acm', spec: httpTo('cart-adder', { port: 8083 }) },
  ].map((r) => ({ virtualGatewayName: 'edge', gatewayRouteName: r.name, spec: r.spec }));
  return { ...base, gatewayRoutes: [...grpc, ...http] };
}

const fixtures: [string, MeshModel][] = [
  ['split', splitGatewayMesh(one)],
  ['rewrites', rewriteGatewayMesh(one)],
  ['http2', http2GatewayMesh(one)],
  ['matches', matchGatewayMesh(one)],
  ['multi-listener', multiListenerGatewayMesh(two)],
  ['mixed protocols', mixedGatewayMesh(two)],
  ['target port', targetPortGatewayMesh(one)],
  ['connection pool', connectionPoolGatewayMesh(one)],
  ['grpc over TLS', grpcGatewayMesh(one, certs)],
  ['tls', tlsGatewayMesh(one, certs, 'secure.gate.local')],
  ['grpc', grpcGatewayMesh(one)],
  ['corners', cornerGateway()],
];

test('the fixtures are valid meshes by the model’s own analysis', () => {
  for (const [name, model] of fixtures) {
    const errors = validateBundle(bundleFromMeshModel(model), { accessLogRoots: ['/tmp'] }).findings.filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map(formatFinding), [], name);
  }
});

test('every gateway fixture: static and ADS bootstraps and the ADS resources pass envoy --mode validate', async () => {
  const jobs = fixtures.flatMap(([name, model]) => (['static', 'ads', 'ads-resources'] as const).map((mode, j) => ({ name, model, mode, format: j % 2 === 0 ? 'yaml' as const : 'json' as const })));
  const failures: string[] = [];
  for (let i = 0; i < jobs.length; i += 2) {
    await Promise.all(jobs.slice(i, i + 2).map(async ({ name, model, mode, format }) => {
      const bootstrap = mode === 'ads-resources' ? adsResourcesInline(compileGateway(model, 'edge', { mode: 'ads' })) : compileGateway(model, 'edge', { mode }).bootstrap;
      const verdict = await envoyAccepts(format === 'json' ? JSON.stringify(bootstrap) : toEnvoyYaml(bootstrap), format);
      if (!verdict.ok) failures.push(`${name} (${mode}, ${format}): ${verdict.output}`);
    }));
  }
  assert.deepEqual(failures, []);
});

test('corners: the ACM listener is left out and reported; the others serve their protocol with their TLS', () => {
  const { diagnostics, resources } = compileGateway(cornerGateway(), 'edge');
  assert.deepEqual(diagnostics.map((d) => `${d.severity} ${d.code} ${d.resource.kind}/${d.resource.name} ${d.path}`),
    ['error compile.tls-unsupported virtualGateway/edge spec.listeners[3].tls.certificate']);
  assert.deepEqual(resources.listeners.map((l) => l.name), ['lds_ingress_0.0.0.0_8080', 'lds_ingress_0.0.0.0_8081', 'lds_ingress_0.0.0.0_8082', 'lds_egress_127.0.0.1_15001']);
  const chains = resources.listeners.map((l) => (l.filter_chains as { name: string }[]).map((c) => c.name).join('+'));
  assert.deepEqual(chains, ['ingress_http_8080_tls+ingress_http_8080', 'ingress_http2_8081_tls', 'ingress_grpc_8082', 'egress_http']);
  const cluster = resources.clusters.find((c) => c.name === `cds_egress_gate_cart-adder_grpc_${upstream['cart-adder'] ?? 0}`);
  assert.match(JSON.stringify(cluster?.transport_socket), /UpstreamTlsContext.*client\.pem/);
});
