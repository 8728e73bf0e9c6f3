import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse, stringify } from 'yaml';
import { validateBundle } from '../../analysis/validate-bundle';
import { importKubernetes } from './import-kubernetes';

const dir = new URL('../../../../../examples/import/kubernetes/', import.meta.url);
const manifest = readFileSync(new URL('color-app.yaml', dir), 'utf8');
const expected = JSON.parse(readFileSync(new URL('color-app.bundle.json', dir), 'utf8')) as unknown;
const run = (text: string, options = {}) => importKubernetes([{ source: 'm.yaml', text }], options);

test('a multi-namespace manifest gives the exact bundle: webhook names, refs, routes out of routers, backend groups expanded', () => {
  const r = run(manifest);
  assert.deepEqual(r.bundle, expected);
  assert.deepEqual(validateBundle(r.bundle).findings, []);
  const routes = r.bundle.gatewayRoutes as { gatewayRouteName: string; virtualGatewayName: string }[];
  assert.deepEqual(routes.map((g) => [g.virtualGatewayName, g.gatewayRouteName]), [['ingress-gw_front', 'color-route_colors'], ['ingress-gw_front', 'blue-route_colors']]);
});

test('Kubernetes-only fields and status are reported as dropped', () => {
  const r = run(manifest);
  const dropped = r.report.entries.filter((e) => e.action === 'dropped').map((e) => e.path);
  assert.ok(dropped.includes('documents[4] (VirtualNode blue).spec.podSelector'));
  assert.ok(dropped.includes('documents[2] (Mesh color-mesh).spec.namespaceSelector'));
});

test('a kubectl get -o yaml List with status imports the same objects', () => {
  const docs = manifest.split(/^---$/m).map((d) => d.trim()).filter((d) => d.startsWith('apiVersion'));
  const items = docs.map((d) => ({ ...(parse(d) as object), status: { conditions: [{ type: 'Active', status: 'True' }] } }));
  const r = run(stringify({ apiVersion: 'v1', kind: 'List', items }));
  assert.deepEqual(r.bundle, expected);
  assert.ok(r.report.entries.some((e) => e.action === 'dropped' && e.path.endsWith('.status')));
});

test('mesh membership: meshRef, then --namespace-mesh; a reference to nothing is reported and the analysis flags it', () => {
  const text = `
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: {name: a, namespace: shop}
spec:
  meshRef: {name: shop-mesh}
  backends:
    - virtualService:
        virtualServiceRef: {name: ghost}
---
apiVersion: appmesh.k8s.aws/v1beta2
kind: VirtualNode
metadata: {name: b, namespace: shop}
spec: {}
`;
  const r = run(text, { namespaceMesh: { shop: 'shop-mesh' } });
  assert.equal((r.bundle.mesh as { meshName: string }).meshName, 'shop-mesh');
  assert.deepEqual((r.bundle.virtualNodes as { virtualNodeName: string }[]).map((n) => n.virtualNodeName), ['a_shop', 'b_shop']);
  const u = r.report.entries.find((e) => e.action === 'unresolved');
  assert.equal(u?.path, 'documents[0] (VirtualNode a).spec.backends[0].virtualService');
  assert.match(u?.message ?? '', /virtualServiceRef shop\/ghost names no VirtualService in the input: assumed App Mesh name ghost\.shop/);
  assert.ok(validateBundle(r.bundle).findings.some((f) => f.code === 'node.backend-missing' && f.message.includes('ghost.shop')));
});

test('v1beta1 manifests are reported as unsupported; with nothing else the import is a clear error', () => {
  const text = 'apiVersion: appmesh.k8s.aws/v1beta1\nkind: Mesh\nmetadata: {name: old}\nspec: {}\n';
  assert.throws(() => run(text), /has no appmesh\.k8s\.aws\/v1beta2 Mesh, VirtualNode, VirtualService, VirtualRouter, VirtualGateway or GatewayRoute objects/);
  const r = run(`${text}---\napiVersion: appmesh.k8s.aws/v1beta2\nkind: Mesh\nmetadata: {name: new}\nspec: {}\n`);
  assert.match(r.report.entries.find((e) => e.action === 'dropped')?.message ?? '', /appmesh\.k8s\.aws\/v1beta1 is not supported: only appmesh\.k8s\.aws\/v1beta2/);
});

test('broken YAML names the document line and column', () => {
  assert.throws(() => run('apiVersion: v1\nkind: [List\n'), /^Error: m\.yaml:\d+:\d+: malformed YAML/);
});
