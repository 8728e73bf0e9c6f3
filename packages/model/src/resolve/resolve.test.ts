import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeMesh } from '../analysis/analyze';
import { compile } from '../compile/compile';
import { dnsNode, httpRoute, testMesh } from '../compile/test-mesh';
import { indexMeshModel } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import { resolveProxy } from './resolve';

const planOf = (model: MeshModel, node = 'web') => {
  const index = indexMeshModel(model);
  const self = index.nodes.get(node);
  assert.ok(self);
  return resolveProxy(index, self);
};

test('a plan lists backends in name order, router routes by priority then name, with resolved weighted targets', () => {
  const plan = planOf(testMesh([
    { name: 'b', spec: httpRoute([['api-v1', 1]], {}, 5) },
    { name: 'a', spec: httpRoute([['api-v1', 3], ['api-v2', 1]], {}, 5) },
    { name: 'first', spec: httpRoute([['api-v2', 1]], {}, 1) },
  ]));
  assert.deepEqual(plan.backends.map((b) => b.name), ['api.svc', 'db.svc']);
  const [api, db] = plan.backends;
  const port = api?.ports[0];
  assert.ok(port && port.kind === 'router');
  assert.deepEqual(port.routes.map((r) => r.route.routeName), ['first', 'a', 'b']);
  assert.deepEqual(port.routes[1]?.targets.map((t) => [t.node.virtualNodeName, t.listener.portMapping.port, t.weight]), [['api-v1', 8080, 3], ['api-v2', 8080, 1]]);
  const dbPort = db?.ports[0];
  assert.ok(dbPort && dbPort.kind === 'node');
  assert.equal(dbPort.target?.node.virtualNodeName, 'db');
  assert.deepEqual(plan.ingress.map((l) => l.listener.portMapping.port), [80]);
  assert.deepEqual(plan.unresolved, []);
});

test('what the resolver cannot resolve carries the analysis code, and compile reports that same code', () => {
  const model = testMesh([
    { name: 'gone', spec: httpRoute([['nobody', 1]]) },
    { name: 'wrong-proto', spec: httpRoute([['api-h2', 1]]) },
    { name: 'bad-port', spec: httpRoute([['api-v1', 1]], { match: { prefix: '/', port: 9999 } }) },
  ]);
  model.virtualNodes.push(dnsNode('api-h2', 8080, 'http2'));
  const plan = planOf(model);
  const codes = (list: { code: string; resource: { name: string } }[]) => list.map((u) => `${u.resource.name} ${u.code}`).sort();
  const expected = ['api-router/bad-port route.match-port-unknown', 'api-router/gone route.target-missing', 'api-router/wrong-proto route.target-protocol-mismatch'];
  assert.deepEqual(codes(plan.unresolved), expected);
  const compiled = compile(model, 'web');
  assert.deepEqual(codes(compiled.diagnostics.filter((d) => !d.code.startsWith('compile.'))), expected);
  const analysed = new Set(analyzeMesh(model).map((f) => `${f.resource.name} ${f.code}`));
  for (const e of expected) assert.ok(analysed.has(e), `analysis reports ${e}`);
  // An http route never sends to an http2 listener (the analysis rule): it answers 503.
  const rc = compiled.resources.routes.find((r) => r.name === 'rds_egress_http_15001');
  assert.ok(JSON.stringify(rc).includes('"name":"wrong-proto","match":{"prefix":"/"},"direct_response":{"status":503'));
});

test('a missing backend, a service without provider and a router without listener are unresolved under analysis codes', () => {
  const model = testMesh([], { backends: [{ virtualService: { virtualServiceName: 'nope.svc' } }, { virtualService: { virtualServiceName: 'bare.svc' } }, { virtualService: { virtualServiceName: 'api.svc' } }] });
  model.virtualServices.push({ virtualServiceName: 'bare.svc', spec: {} });
  const router = model.virtualRouters[0];
  assert.ok(router);
  router.spec = {};
  const codes = planOf(model).unresolved.map((u) => u.code).sort();
  assert.deepEqual(codes, ['node.backend-missing', 'router.listener-missing', 'service.provider-none']);
});

test('duplicate ingress ports are served once; a timeout for another protocol is left out', () => {
  const plan = planOf(testMesh([], {
    listeners: [
      { portMapping: { port: 80, protocol: 'http' }, timeout: { tcp: { idle: { unit: 's', value: 5 } } } },
      { portMapping: { port: 80, protocol: 'http' } },
    ],
  }));
  assert.deepEqual(plan.ingress.map((l) => [l.index, l.timeout.idle]), [[0, undefined]]);
  assert.deepEqual(plan.unresolved.map((u) => [u.code, u.path]), [
    ['node.timeout-protocol-mismatch', 'spec.listeners[0].timeout.tcp'],
    ['node.duplicate-listener-port', 'spec.listeners[1].portMapping.port'],
  ]);
});
