import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateBundle } from '../../analysis/validate-bundle';
import { ImportInputError } from '../report';
import { importCloudFormation } from './import-cloudformation';

const dir = new URL('../../../../../examples/import/cloudformation/', import.meta.url);
const template = readFileSync(new URL('color-app.yaml', dir), 'utf8');
const expected = JSON.parse(readFileSync(new URL('color-app.bundle.json', dir), 'utf8')) as unknown;
const source = 'color-app.yaml';
const importText = (text: string, options = {}) => importCloudFormation([{ source, text }], options);
const entries = (r: ReturnType<typeof importText>, action: string) => r.report.entries.filter((e) => e.action === action);

test('a YAML template with short-form tags, parameters, conditions and mappings gives the exact bundle, free of findings', () => {
  const r = importText(template);
  assert.deepEqual(r.bundle, expected);
  assert.deepEqual(validateBundle(r.bundle).findings, []);
});

test('virtual gateways and gateway routes go in the bundle: Fn::GetAtt to the gateway and to the target service resolve to names', () => {
  const r = importText(template);
  assert.deepEqual(r.bundle.virtualGateways, [{ virtualGatewayName: 'colorgateway-vgw', spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] } }]);
  assert.deepEqual(r.bundle.gatewayRoutes, [
    {
      gatewayRouteName: 'colorgateway-route',
      virtualGatewayName: 'colorgateway-vgw',
      spec: { httpRoute: { match: { prefix: '/color' }, action: { target: { virtualService: { virtualServiceName: 'colorteller.colorapp.local' } } } } },
    },
  ]);
  const entry = r.report.entries.find((e) => e.path === 'Resources.ColorGatewayRoute' && e.action === 'mapped');
  assert.equal(entry?.message, 'imported as gatewayRoute colorgateway-vgw/colorgateway-route');
});

test('--parameter values and pseudo parameters change the result; a false condition leaves its resource out', () => {
  const r = importText(template, { parameters: { EnableBlue: 'false', EnvironmentName: 'shades' }, pseudoParameters: { 'AWS::Region': 'us-east-1', 'AWS::StackName': 'prod' } });
  const bundle = r.bundle as { mesh: { meshName: string }; virtualNodes: { virtualNodeName: string; spec: { backendDefaults?: unknown } }[]; routes: { spec: unknown }[]; virtualServices: { tags: unknown }[] };
  assert.equal(bundle.mesh.meshName, 'shades');
  assert.deepEqual(bundle.virtualNodes.map((n) => n.virtualNodeName), ['colorteller-white-vn', 'colorgateway-vn']);
  assert.deepEqual(bundle.virtualNodes[1]?.spec.backendDefaults, {
    clientPolicy: { tls: { enforce: true, validation: { trust: { acm: { certificateAuthorityArns: ['arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/east', 'arn:aws:acm-pca:us-west-2:111122223333:certificate-authority/west'] } } } } },
  });
  assert.deepEqual(bundle.virtualServices[0]?.tags, [{ key: 'team', value: 'prod-colors' }]);
  assert.ok(entries(r, 'dropped').some((e) => e.path === 'Resources.ColorTellerBlueVirtualNode.Condition' && /condition BlueEnabled is false/.test(e.message)));
});

test('a JSON template reads the same, and Ref to an App Mesh resource gives its ARN, which name members turn into the name', () => {
  const json = JSON.stringify({
    Resources: {
      M: { Type: 'AWS::AppMesh::Mesh', Properties: { MeshName: 'm' } },
      N: { Type: 'AWS::AppMesh::VirtualNode', Properties: { MeshName: { 'Fn::GetAtt': ['M', 'MeshName'] }, VirtualNodeName: 'n', Spec: {} } },
      S: { Type: 'AWS::AppMesh::VirtualService', Properties: { MeshName: 'm', VirtualServiceName: 's.local', Spec: { Provider: { VirtualNode: { VirtualNodeName: { Ref: 'N' } } } } } },
    },
  });
  const r = importText(json);
  assert.deepEqual((r.bundle.virtualServices as unknown[])[0], { virtualServiceName: 's.local', spec: { provider: { virtualNode: { virtualNodeName: 'n' } } } });
  assert.ok(r.report.entries.some((e) => e.action === 'mapped' && e.message.includes('arn:aws:appmesh:us-west-2:000000000000:mesh/m/virtualNode/n')));
});

const cert = (value: string) => `
Resources:
  Mesh:
    Type: AWS::AppMesh::Mesh
    Properties: { MeshName: m }
  Bucket:
    Type: AWS::S3::Bucket
  Node:
    Type: AWS::AppMesh::VirtualNode
    Properties:
      MeshName: m
      VirtualNodeName: n
      Spec:
        Listeners:
          - PortMapping: { Port: 80, Protocol: http }
            TLS:
              Mode: STRICT
              Certificate:
                ACM:
                  CertificateArn: ${value}
`;

test('an ACM ARN imported from another stack is reported unresolved with its path and resource, and the bundle fails validation there', () => {
  const r = importText(cert('!ImportValue shared-certificate-arn'));
  const [u] = entries(r, 'unresolved');
  assert.deepEqual(u?.resource, { kind: 'virtualNode', name: 'n' });
  assert.equal(u?.path, 'Resources.Node.Properties.Spec.Listeners[0].TLS.Certificate.ACM.CertificateArn');
  assert.match(u?.message ?? '', /ImportValue "shared-certificate-arn" is an output of another stack/);
  const findings = validateBundle(r.bundle).findings;
  assert.ok(findings.some((f) => f.severity === 'error' && f.resource.name === 'n' && f.path.includes('certificateArn')));
});

test('a GetAtt on a non-App-Mesh resource and a Ref to nothing are reported, not crashed on', () => {
  const r1 = importText(cert('!GetAtt Bucket.Arn'));
  assert.match(entries(r1, 'unresolved')[0]?.message ?? '', /Bucket is a AWS::S3::Bucket, not an App Mesh resource/);
  const r2 = importText(cert('!Ref Nowhere'));
  assert.match(entries(r2, 'unresolved')[0]?.message ?? '', /Ref to Nowhere, which the template does not define/);
});

test('an unknown resource type is reported as dropped with its type', () => {
  const r = importText(`${cert('arn:aws:acm:us-west-2:1:certificate/x')}  Odd:\n    Type: AWS::AppMesh::VirtualThing\n`);
  assert.deepEqual(entries(r, 'dropped').map((e) => [e.path, e.message]), [
    ['Resources.Bucket.Type', 'AWS::S3::Bucket is not an App Mesh resource'],
    ['Resources.Odd.Type', 'AWS::AppMesh::VirtualThing is not an App Mesh resource type meshwright knows'],
  ]);
});

test('broken YAML is an ImportInputError naming the line and column', () => {
  assert.throws(() => importText('Resources:\n  Mesh:\n    Type: [AWS::AppMesh::Mesh\n'), (e: unknown) => e instanceof ImportInputError && /^color-app\.yaml:\d+:\d+: malformed YAML/.test(e.message));
  assert.throws(() => importText('Resources:\n  A: 1\n   B: 2\n'), (e: unknown) => e instanceof ImportInputError && /^color-app\.yaml:2:6: malformed YAML: Nested mappings are not allowed/.test(e.message));
});

test('a 5 MB template is refused with its size, not parsed', () => {
  const big = `Resources:\n${'  # padding padding padding padding padding padding padding padding padding padding\n'.repeat(66_000)}`;
  assert.throws(() => importText(big), /is 5\.\d MB; CloudFormation accepts templates of at most 1 MB/);
});

test('a file that is not a template, or holds no App Mesh resources, is a clear error', () => {
  assert.throws(() => importText('just: a map\n'), /has no Resources section: not a CloudFormation template/);
  assert.throws(() => importText('Resources:\n  B:\n    Type: AWS::S3::Bucket\n'), /has no AWS::AppMesh::\* resources/);
});

test('two meshes need --mesh; with it, the other mesh is dropped', () => {
  const two = 'Resources:\n  A: {Type: AWS::AppMesh::Mesh, Properties: {MeshName: a}}\n  B: {Type: AWS::AppMesh::Mesh, Properties: {MeshName: b}}\n';
  assert.throws(() => importText(two), /several meshes \(a, b\); import one at a time with --mesh NAME/);
  const r = importText(two, { mesh: 'b' });
  assert.deepEqual(r.bundle.mesh, { meshName: 'b' });
  assert.ok(entries(r, 'dropped').some((e) => e.resource?.name === 'a'));
});
