import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';
import { validateBundle } from '../analysis/validate-bundle';
import { importCliDocuments } from '../import/cli/import-cli';
import { importCloudFormation } from '../import/cloudformation/import-cloudformation';
import { importKubernetes } from '../import/kubernetes/import-kubernetes';
import { exportCliInputs } from './to-cli';
import { exportCloudFormation } from './to-cloudformation';
import { exportKubernetes } from './to-kubernetes';

// A gateway with three listeners (one TLS with file certificates, one TLS from SDS), logging and
// backend defaults; gateway routes of every kind with every match and every rewrite.
const bundle = JSON.parse(readFileSync(new URL('../../../../examples/import/gateways/front-door.bundle.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const withoutTags = (b: unknown) => JSON.parse(JSON.stringify(b, (k, v: unknown) => (k === 'tags' ? undefined : v))) as unknown;
type Resource = { Type: string; DependsOn?: string[]; Properties: Record<string, unknown> };

test('the gateway fixture is a valid mesh, so the round trips below start from something App Mesh would take', () => {
  assert.deepEqual(validateBundle(bundle).findings, []);
});

test('CloudFormation: exported gateways and gateway routes import back to the same bundle, tags included', () => {
  const text = exportCloudFormation(bundle);
  const r = importCloudFormation([{ source: 'front-door.yaml', text }]);
  assert.deepEqual(r.bundle, bundle);
  assert.deepEqual(r.report.entries.filter((e) => e.action !== 'mapped'), []);
});

test('CloudFormation: a gateway route names its mesh and gateway by Fn::GetAtt and depends on its target service', () => {
  const { Resources } = parse(exportCloudFormation(bundle)) as { Resources: Record<string, Resource> };
  const route = Resources.GatewayRouteFrontCartRpc;
  assert.deepEqual(route?.Properties.MeshName, { 'Fn::GetAtt': ['MeshFrontDoor', 'MeshName'] });
  assert.deepEqual(route?.Properties.VirtualGatewayName, { 'Fn::GetAtt': ['VirtualGatewayFront', 'VirtualGatewayName'] });
  assert.equal(route?.Properties.GatewayRouteName, 'cart-rpc');
  assert.deepEqual(route?.DependsOn, ['VirtualServiceCartLocal']);
  const gateway = Resources.VirtualGatewayFront?.Properties.Spec as { Listeners: Record<string, unknown>[]; BackendDefaults: unknown };
  assert.deepEqual(Object.keys(gateway.Listeners[1] ?? {}), ['PortMapping', 'ConnectionPool', 'TLS']);
  assert.deepEqual(gateway.Listeners[2]?.ConnectionPool, { GRPC: { MaxRequests: 20 } });
  assert.deepEqual(gateway.BackendDefaults, {
    ClientPolicy: { TLS: { Enforce: true, Ports: [8080], Certificate: { SDS: { SecretName: 'front-client' } }, Validation: { Trust: { SDS: { SecretName: 'mesh-ca' } }, SubjectAlternativeNames: { Match: { Exact: ['shop.local'] } } } } },
  });
  const h2 = Resources.GatewayRouteFrontShopH2?.Properties.Spec as Record<string, unknown>;
  assert.deepEqual(Object.keys(h2), ['Priority', 'Http2Route']);
});

test('Kubernetes: exported gateways and gateway routes import back to the same bundle (tags aside, the CRDs have none)', () => {
  const { text, notes } = exportKubernetes(bundle);
  const r = importKubernetes([{ source: 'front-door.yaml', text }]);
  assert.deepEqual(r.bundle, withoutTags(bundle));
  assert.deepEqual(r.report.entries.filter((e) => e.action === 'unresolved' || e.action === 'defaulted'), []);
  assert.deepEqual(notes, [
    "virtualGateway front: the controller's VirtualGateway takes one listener, as App Mesh does; this one has 3, so the controller will refuse it",
    "virtualGateway front: tags are not part of the controller's VirtualGateway and are left out",
    "gatewayRoute front/shop-prefix: tags are not part of the controller's GatewayRoute and are left out",
  ]);
});

test('Kubernetes: routes carry no virtualGatewayRef (the webhook refuses one); the gateway selects them by label, targets are Refs', () => {
  const docs = parseAllDocuments(exportKubernetes(bundle).text).map((d) => d.toJS() as { kind: string; metadata: { name: string; labels?: unknown }; spec: Record<string, unknown> });
  const gateway = docs.find((d) => d.kind === 'VirtualGateway');
  assert.deepEqual(gateway?.spec.namespaceSelector, { matchLabels: { mesh: 'front-door' } });
  assert.deepEqual(gateway?.spec.gatewayRouteSelector, { matchLabels: { gateway: 'front' } });
  const rpc = docs.find((d) => d.kind === 'GatewayRoute' && d.metadata.name === 'cart-rpc');
  assert.deepEqual(rpc?.metadata.labels, { gateway: 'front' });
  assert.equal(rpc?.spec.virtualGatewayRef, undefined);
  assert.deepEqual((rpc?.spec.grpcRoute as { action: unknown }).action, {
    target: { virtualService: { virtualServiceRef: { name: 'cart-local' } }, port: 9090 },
    rewrite: { hostname: { defaultTargetHostname: 'DISABLED' } },
  });
});

test('CLI inputs: vg-<gateway>.json and gr-<gateway>-<route>.json import back to the same bundle', () => {
  const files = exportCliInputs(bundle);
  assert.ok('vg-front.json' in files);
  assert.deepEqual(Object.keys(files).filter((f) => f.startsWith('gr-')).sort(), ['gr-front-cart-rpc.json', 'gr-front-shop-h2.json', 'gr-front-shop-health.json', 'gr-front-shop-items.json', 'gr-front-shop-keep.json', 'gr-front-shop-prefix.json']);
  assert.deepEqual(Object.keys(files['gr-front-cart-rpc.json'] ?? {}), ['meshName', 'gatewayRouteName', 'virtualGatewayName', 'spec']);
  const r = importCliDocuments(Object.entries(files).map(([source, json]) => ({ source, json })));
  assert.deepEqual(r.bundle, bundle);
});
