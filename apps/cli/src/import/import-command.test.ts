import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { runImport } from './import-command';

const examples = new URL('../../../../examples/', import.meta.url).pathname;
const cfn = join(examples, 'import/cloudformation/color-app.yaml');
const k8s = join(examples, 'import/kubernetes/color-app.yaml');
const fixture = (p: string) => JSON.parse(readFileSync(join(examples, p), 'utf8')) as unknown;

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImport(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
const tmp = () => mkdtempSync(join(tmpdir(), 'mw-import-'));

test('a CloudFormation template: the bundle on stdout, the report and a summary on stderr, exit 0', async () => {
  const r = await cli(cfn);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), fixture('import/cloudformation/color-app.bundle.json'));
  assert.match(r.err, /^dropped .*color-app\.yaml:Resources\.ColorTellerLogGroup\.Type: AWS::Logs::LogGroup is not an App Mesh resource$/m);
  assert.match(r.err, /^mapped .*color-app\.yaml:Resources\.ColorGatewayRoute \(gatewayRoute colorgateway-vgw\/colorgateway-route\): imported as gatewayRoute colorgateway-vgw\/colorgateway-route$/m);
  assert.match(r.err, /10 resources imported; 0 errors, 0 warnings/);
});

test('a Kubernetes manifest is detected by its content; --out writes the bundle to a file', async () => {
  const out = join(tmp(), 'bundle.json');
  const r = await cli(k8s, '--out', out);
  assert.equal(r.code, 0);
  assert.equal(r.out, '');
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), fixture('import/kubernetes/color-app.bundle.json'));
});

test('broken YAML exits 2 naming file, line and column; an unknown flag exits 2', async () => {
  const file = join(tmp(), 'broken.yaml');
  writeFileSync(file, 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Mesh: {Type: AWS::AppMesh::Mesh\n');
  const r = await cli(file);
  assert.equal(r.code, 2);
  assert.match(r.err, /^error: .*broken\.yaml:\d+:\d+: malformed YAML/);
  assert.equal((await cli(cfn, '--bogus')).code, 2);
});

test('an unresolved required value is reported and the findings make the import exit 1', async () => {
  const file = join(tmp(), 'route.yaml');
  writeFileSync(
    file,
    [
      'Resources:',
      '  Mesh: {Type: AWS::AppMesh::Mesh, Properties: {MeshName: m}}',
      '  Router: {Type: AWS::AppMesh::VirtualRouter, Properties: {MeshName: m, VirtualRouterName: r, Spec: {Listeners: [{PortMapping: {Port: 80, Protocol: http}}]}}}',
      '  Route:',
      '    Type: AWS::AppMesh::Route',
      '    Properties:',
      '      MeshName: m',
      '      VirtualRouterName: r',
      '      RouteName: web',
      '      Spec: {HttpRoute: {Match: {Prefix: /}, Action: {WeightedTargets: [{VirtualNode: !ImportValue other-stack-node, Weight: 1}]}}}',
      '',
    ].join('\n'),
  );
  const r = await cli(file);
  assert.equal(r.code, 1);
  assert.match(r.err, /^unresolved .*:Resources\.Route\.Properties\.Spec\.HttpRoute\.Action\.WeightedTargets\[0\]\.VirtualNode \(route r\/web\): Fn::ImportValue "other-stack-node" is an output of another stack$/m);
  assert.match(r.err, /^error \[schema\.invalid\] \(route r\/web\) spec\.httpRoute\.action\.weightedTargets\[0\]\.virtualNode/m);
});

test('CLI inputs: describe-* outputs, a dump array, and spec-only files named by a manifest or by flags', async () => {
  const dir = tmp();
  const spec = (name: string) => JSON.parse(readFileSync(join(examples, 'shop', name), 'utf8')) as { spec: unknown };
  writeFileSync(join(dir, 'mesh.json'), JSON.stringify({ mesh: { meshName: 'shop', spec: {}, metadata: { arn: 'arn:x', version: 1 }, status: { status: 'ACTIVE' } } }));
  writeFileSync(join(dir, 'dump.json'), JSON.stringify([{ virtualNode: { meshName: 'shop', virtualNodeName: 'catalog-v1', ...spec('vn-catalog-v1.json'), metadata: {}, status: {} } }, { virtualNodes: [{ meshName: 'shop', virtualNodeName: 'x' }] }]));
  writeFileSync(join(dir, 'frontend-spec.json'), JSON.stringify({ spec: spec('vn-frontend.json').spec }));
  writeFileSync(join(dir, 'meshwright-import.json'), JSON.stringify({ meshName: 'shop', files: { 'frontend-spec.json': { virtualNodeName: 'frontend' } } }));
  const r = await cli(dir);
  const bundle = JSON.parse(r.out) as { mesh: unknown; virtualNodes: { virtualNodeName: string; spec: unknown }[] };
  assert.deepEqual(bundle.mesh, { meshName: 'shop', spec: {} });
  assert.deepEqual(bundle.virtualNodes.map((n) => n.virtualNodeName), ['catalog-v1', 'frontend']);
  assert.deepEqual(bundle.virtualNodes[1]?.spec, spec('vn-frontend.json').spec);
  assert.match(r.err, /^dropped .*mesh\.json:mesh\.metadata \(mesh shop\): metadata is read-only output/m);
  assert.match(r.err, /^dropped .*dump\.json:\[1\]\.virtualNodes: list-\* output names resources but holds no specs/m);

  const one = join(tmp(), 'spec.json');
  writeFileSync(one, JSON.stringify({ spec: spec('vn-payments.json').spec }));
  const f = await cli(one, '--format', 'cli', '--mesh-name', 'shop', '--virtual-node-name', 'payments');
  assert.deepEqual((JSON.parse(f.out) as { virtualNodes: unknown[] }).virtualNodes, [{ virtualNodeName: 'payments', spec: spec('vn-payments.json').spec }]);
  // aws appmesh create-gateway-route --mesh-name shop --virtual-gateway-name front --gateway-route-name all --spec file://route.json
  const routeFile = join(tmp(), 'route.json');
  const routeSpec = { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'payments.shop.local' } } } } };
  writeFileSync(routeFile, JSON.stringify({ spec: routeSpec }));
  const gr = await cli(routeFile, '--format', 'cli', '--mesh-name', 'shop', '--virtual-gateway-name', 'front', '--gateway-route-name', 'all');
  assert.deepEqual((JSON.parse(gr.out) as { gatewayRoutes: unknown[] }).gatewayRoutes, [{ virtualGatewayName: 'front', gatewayRouteName: 'all', spec: routeSpec }]);
  assert.match(gr.err, /^defaulted .*route\.json:\.: named gatewayRoute all from the flags or manifest$/m);
  const unnamed = await cli(one);
  assert.equal(unnamed.code, 2);
  assert.match(unnamed.err, /a spec without names: give them with --mesh-name/);
});

test('a deploy.sh of aws appmesh create-* commands: a directory import reads the script and the file:// specs it names once', async () => {
  const dir = tmp();
  const gateway = (fixture('import/gateways/front-door.bundle.json') as { virtualGateways: { spec: unknown }[] }).virtualGateways[0]?.spec;
  const route = { httpRoute: { match: { prefix: '/', port: 8080 }, action: { target: { virtualService: { virtualServiceName: 'shop.local' } } } } };
  writeFileSync(join(dir, 'gateway.json'), JSON.stringify(gateway));
  writeFileSync(join(dir, 'route.json'), JSON.stringify(route));
  writeFileSync(
    join(dir, 'deploy.sh'),
    [
      '#!/bin/bash',
      'MESH=${MESH:-front-door}',
      'aws appmesh create-mesh --mesh-name $MESH',
      'aws appmesh create-virtual-gateway --mesh-name $MESH --virtual-gateway-name front --spec file://gateway.json',
      'aws appmesh create-gateway-route --mesh-name $MESH --virtual-gateway-name front \\',
      '  --gateway-route-name all --spec file://route.json',
      '',
    ].join('\n'),
  );
  const r = await cli(dir);
  const bundle = JSON.parse(r.out) as { mesh: unknown; virtualGateways: unknown[]; gatewayRoutes: unknown[] };
  assert.deepEqual(bundle.mesh, { meshName: 'front-door' });
  assert.deepEqual(bundle.virtualGateways, [{ virtualGatewayName: 'front', spec: gateway }]);
  assert.deepEqual(bundle.gatewayRoutes, [{ virtualGatewayName: 'front', gatewayRouteName: 'all', spec: route }]);
  assert.match(r.err, /^mapped .*deploy\.sh:5:\. \(gatewayRoute front\/all\): imported as gatewayRoute front\/all$/m);
  // The route's target service is not in the script: the analysis says so, and the import exits 1.
  assert.equal(r.code, 1);
  assert.match(r.err, /^error \[gatewayRoute\.[a-z-]+\] \(gatewayRoute front\/all\)/m);
});

describe('--apply --endpoint', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer(sqliteVariant);
  });
  after(async () => server.close());

  test('creates the imported mesh in one bundle create; the stored specs equal the imported ones', async () => {
    const r = await cli(k8s, '--apply', '--endpoint', server.url);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^created route color-router_colors\/color-weighted-route arn:aws:appmesh:us-west-2:123456789012:mesh\/color-mesh\/virtualRouter\/color-router_colors\/route\/color-weighted-route$/m);
    const back = (await (await fetch(`${server.url}/api/meshes/color-mesh/bundle`)).json()) as { bundle: { routes: { routeName: string; spec: unknown }[] } };
    const expected = fixture('import/kubernetes/color-app.bundle.json') as { routes: { routeName: string; spec: unknown }[] };
    assert.deepEqual(back.bundle.routes.find((x) => x.routeName === 'color-weighted-route')?.spec, expected.routes[1]?.spec);
    // The gateway routes join their gateway through the gateway's namespaceSelector, as in a cluster.
    assert.match(r.out, /^created gatewayRoute ingress-gw_front\/blue-route_colors arn:aws:appmesh:us-west-2:123456789012:mesh\/color-mesh\/virtualGateway\/ingress-gw_front\/gatewayRoute\/blue-route_colors$/m);
  });

  test('a second apply of the same mesh is refused and says nothing was created', async () => {
    const r = await cli(k8s, '--apply', '--endpoint', server.url);
    assert.equal(r.code, 1);
    assert.match(r.err, /the server refused the bundle \(ConflictException\) at mesh\.meshName: .*nothing was created/);
  });
});
