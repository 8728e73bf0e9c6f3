import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { importCliDocuments } from './cli/import-cli';
import { readCliScripts } from './cli/script';
import { importCloudFormation } from './cloudformation/import-cloudformation';
import { importKubernetes } from './kubernetes/import-kubernetes';
import { ImportInputError, type ImportResult } from './report';
import { validateBundle } from '../analysis/validate-bundle';

// Values shaped like templates and manifests (App Mesh keys, intrinsic functions) but otherwise arbitrary.
const key = fc.constantFrom('Resources', 'Type', 'Properties', 'Spec', 'MeshName', 'VirtualNodeName', 'Listeners', 'PortMapping', 'Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::If', 'Condition', 'Parameters', 'Conditions', 'apiVersion', 'kind', 'metadata', 'spec', 'items', 'virtualNodeRef', 'meshRef', 'backendGroups', 'routes', 'name', 'virtualGatewayRef', 'gatewayRouteSelector', 'namespaceSelector', 'matchLabels', 'labels', 'x');
const leaf = fc.oneof(fc.constantFrom('AWS::AppMesh::Mesh', 'AWS::AppMesh::VirtualNode', 'AWS::AppMesh::Route', 'appmesh.k8s.aws/v1beta2', 'VirtualRouter', 'List', 'Mesh', 'AWS::NoValue'), fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
})).node;

// What `meshwright import` does with a result: the analysis of the bundle must not crash either.
const onlyClearErrors = (run: () => ImportResult) => {
  try {
    validateBundle(run().bundle);
  } catch (e) {
    assert.ok(e instanceof ImportInputError, `not an ImportInputError: ${String(e)}`);
  }
};

test('no input makes an importer throw anything but a clear ImportInputError', () => {
  fc.assert(
    fc.property(value, (v) => {
      const text = stringify(v);
      onlyClearErrors(() => importCloudFormation([{ source: 'f.yaml', text }]));
      onlyClearErrors(() => importCloudFormation([{ source: 'f.yaml', text: stringify({ Resources: v }) }]));
      onlyClearErrors(() => importKubernetes([{ source: 'f.yaml', text }]));
      onlyClearErrors(() => importCliDocuments([{ source: 'f.json', json: v }]));
    }),
    { numRuns: 400 },
  );
});

test('arbitrary properties and specs of App Mesh resources are reported or imported, never crashed on', () => {
  const cfnType = fc.constantFrom('Mesh', 'VirtualNode', 'VirtualService', 'VirtualRouter', 'Route', 'VirtualGateway', 'GatewayRoute');
  const k8sKind = fc.constantFrom('Mesh', 'VirtualNode', 'VirtualService', 'VirtualRouter', 'VirtualGateway', 'GatewayRoute', 'BackendGroup');
  fc.assert(
    fc.property(cfnType, k8sKind, value, value, (type, kind, props, spec) => {
      const template = { Resources: { M: { Type: 'AWS::AppMesh::Mesh', Properties: { MeshName: 'm' } }, A: { Type: `AWS::AppMesh::${type}`, Properties: props } } };
      onlyClearErrors(() => importCloudFormation([{ source: 'f.yaml', text: stringify(template) }]));
      const manifest = [{ apiVersion: 'appmesh.k8s.aws/v1beta2', kind: 'Mesh', metadata: { name: 'm' }, spec: {} }, { apiVersion: 'appmesh.k8s.aws/v1beta2', kind, metadata: { name: 'a' }, spec }];
      onlyClearErrors(() => importKubernetes([{ source: 'f.yaml', text: manifest.map((d) => stringify(d)).join('---\n') }]));
    }),
    { numRuns: 400 },
  );
});

test('arbitrary shell text is read as a script, reported or imported, never crashed on', () => {
  const piece = fc.constantFrom('aws ', 'appmesh ', 'create-virtual-gateway ', 'create-gateway-route ', 'create-mesh ', '--mesh-name ', '--virtual-gateway-name ', '--spec ', '--cli-input-json ', 'file://a.json ', "'", '"', '$', '${X:-', '}', '$(', ')', '`', '\\\n', '\n', ';', '&&', '|', '#', 'X=1 ', '{"listeners": []} ', '[1] ', ' ');
  const files: Record<string, string> = { 'a.json': '{"meshName": "m", "virtualGatewayName": "g", "spec": {}}' };
  fc.assert(
    fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 4 })), { maxLength: 40 }), (parts) => {
      const read = readCliScripts([{ source: 's.sh', text: parts.join('') }], (_s, path) => (files[path] === undefined ? undefined : { source: path, text: files[path] ?? '' }));
      onlyClearErrors(() => importCliDocuments(read.docs, { reports: read.reports }));
    }),
    { numRuns: 400 },
  );
});
