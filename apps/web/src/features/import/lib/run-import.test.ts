import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { exportFile } from './export-files';
import { parsePairs, resourcesByKind, runImport, type ImportForm } from './run-import';

const read = (p: string) => readFileSync(new URL(`../../../../../../examples/import/${p}`, import.meta.url), 'utf8');
const withoutTags = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(withoutTags) : typeof v === 'object' && v !== null ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'tags').map(([k, x]) => [k, withoutTags(x)])) : v;
const form: ImportForm = { format: 'auto', parameters: '', namespaceMesh: '', mesh: '' };

test('a CloudFormation template is detected and imported to the example bundle', () => {
  const out = runImport([{ source: 'color-app.yaml', text: read('cloudformation/color-app.yaml') }], form);
  assert.ok(out.ok);
  assert.equal(out.format, 'cloudformation');
  assert.deepEqual(out.result.bundle, JSON.parse(read('cloudformation/color-app.bundle.json')));
});

test('a Kubernetes manifest is detected and imported to the example bundle', () => {
  const out = runImport([{ source: 'color-app.yaml', text: read('kubernetes/color-app.yaml') }], form);
  assert.ok(out.ok);
  assert.equal(out.format, 'kubernetes');
  assert.deepEqual(out.result.bundle, JSON.parse(read('kubernetes/color-app.bundle.json')));
});

test('broken YAML is a message with the line and column, not a throw', () => {
  const text = 'Resources:\n  Mesh:\n    Type: AWS::AppMesh::Mesh\n    Properties:\n      MeshName: colors\n     Spec: {}\n';
  assert.deepEqual(runImport([{ source: 'pasted', text }], { ...form, format: 'cloudformation' }), {
    ok: false,
    message: 'pasted:6:1: malformed YAML: All mapping items must start at the same column',
  });
});

test('parameters are KEY=VALUE lines; a bad line is named', () => {
  assert.deepEqual(parsePairs('A=1\n\n B = two \n', 'Parameters'), { A: '1', B: 'two' });
  assert.throws(() => parsePairs('A=1\nnope', 'Parameters'), /Parameters, line 2: "nope" is not KEY=VALUE/);
});

test('empty input asks for a document', () => {
  const out = runImport([{ source: 'pasted', text: '  ' }], form);
  assert.deepEqual(out, { ok: false, message: 'Paste a document or choose files to import.' });
});

test('resources are listed by kind with their names', () => {
  const kinds = resourcesByKind({ mesh: { meshName: 'm' }, routes: [{ virtualRouterName: 'r', routeName: 'a' }] });
  assert.deepEqual(kinds, [
    { kind: 'mesh', names: ['m'] },
    { kind: 'route', names: ['r/a'] },
  ]);
});

test('every export format imports back to the same bundle', () => {
  const bundle = JSON.parse(read('cloudformation/color-app.bundle.json')) as Record<string, unknown>;
  const mesh = String((bundle.mesh as { meshName: string }).meshName);
  for (const format of ['bundle', 'cloudformation', 'kubernetes', 'cli'] as const) {
    const file = exportFile(bundle, mesh, format);
    if (format === 'bundle') {
      assert.deepEqual(JSON.parse(file.text), bundle);
      continue;
    }
    const back = runImport([{ source: file.filename, text: file.text }], form);
    assert.ok(back.ok, `${format}: ${back.ok ? '' : back.message}`);
    // The controller's CRDs have no tags (the export says so in its notes): compare without them.
    assert.deepEqual(back.result.bundle, format === 'kubernetes' ? withoutTags(bundle) : bundle, format);
  }
});

test('a deploy script uploaded with the spec files it names (file://) imports its gateway and gateway route', () => {
  const gateway = { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] };
  const route = { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'shop.local' } } } } };
  const script = [
    'aws appmesh create-virtual-gateway --mesh-name shop --virtual-gateway-name front --spec file://specs/gateway.json',
    'aws appmesh create-gateway-route --mesh-name shop --virtual-gateway-name front --gateway-route-name all --spec file://route.json',
  ].join('\n');
  const out = runImport(
    [
      { source: 'deploy.sh', text: script },
      { source: 'gateway.json', text: JSON.stringify(gateway) },
      { source: 'route.json', text: JSON.stringify(route) },
    ],
    form,
  );
  assert.ok(out.ok);
  assert.equal(out.format, 'cli');
  assert.deepEqual(out.result.bundle.virtualGateways, [{ virtualGatewayName: 'front', spec: gateway }]);
  assert.deepEqual(out.result.bundle.gatewayRoutes, [{ virtualGatewayName: 'front', gatewayRouteName: 'all', spec: route }]);
  assert.deepEqual(resourcesByKind(out.result.bundle).slice(-2), [
    { kind: 'virtualGateway', names: ['front'] },
    { kind: 'gatewayRoute', names: ['front/all'] },
  ]);
});
