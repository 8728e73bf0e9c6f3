import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { importCliDocuments } from '../import/cli/import-cli';
import { importCloudFormation } from '../import/cloudformation/import-cloudformation';
import { importKubernetes } from '../import/kubernetes/import-kubernetes';
import { exportCliInputs } from './to-cli';
import { exportCloudFormation } from './to-cloudformation';
import { exportKubernetes } from './to-kubernetes';

const fixture = (p: string) => JSON.parse(readFileSync(new URL(`../../../../examples/import/${p}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const bundles = { cloudformation: fixture('cloudformation/color-app.bundle.json'), kubernetes: fixture('kubernetes/color-app.bundle.json') };
const withoutTags = (b: Record<string, unknown>) => JSON.parse(JSON.stringify(b, (k, v: unknown) => (k === 'tags' ? undefined : v))) as unknown;

for (const [name, bundle] of Object.entries(bundles)) {
  test(`${name} fixture: exported CloudFormation imports back to the same bundle`, () => {
    const text = exportCloudFormation(bundle);
    assert.match(text, /^AWSTemplateFormatVersion: "2010-09-09"$/m);
    const r = importCloudFormation([{ source: 'exported.yaml', text }]);
    assert.deepEqual(r.bundle, bundle);
    assert.deepEqual(r.report.entries.filter((e) => e.action !== 'mapped'), []);
  });

  test(`${name} fixture: exported Kubernetes manifests import back to the same bundle (tags aside, the CRDs have none)`, () => {
    const { text, notes } = exportKubernetes(bundle);
    const r = importKubernetes([{ source: 'exported.yaml', text }]);
    assert.deepEqual(r.bundle, withoutTags(bundle));
    assert.equal(notes.length, name === 'cloudformation' ? 1 : 0);
    assert.deepEqual(r.report.entries.filter((e) => e.action === 'unresolved' || e.action === 'defaulted'), []);
  });

  test(`${name} fixture: exported CLI inputs import back to the same bundle`, () => {
    const files = exportCliInputs(bundle);
    const r = importCliDocuments(Object.entries(files).map(([source, json]) => ({ source, json })));
    const sorted = (b: Record<string, unknown>) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Array.isArray(v) ? [...v].map((x) => JSON.stringify(x)).sort() : v]));
    const expected = JSON.parse(JSON.stringify(bundle)) as Record<string, unknown>;
    assert.deepEqual(sorted(r.bundle), sorted(expected));
  });
}

test('CloudFormation spellings: TLS, ACM, DNS, HTTP2 and GRPC in capitals, the rest PascalCase', () => {
  const text = exportCloudFormation({
    mesh: { meshName: 'm' },
    virtualNodes: [{ virtualNodeName: 'n', spec: { listeners: [{ portMapping: { port: 80, protocol: 'grpc' }, connectionPool: { grpc: { maxRequests: 5 } }, timeout: { http2: { idle: { unit: 's', value: 1 } } } }], serviceDiscovery: { awsCloudMap: { namespaceName: 'a', serviceName: 'b' } } } }],
  });
  assert.match(text, /ConnectionPool:\n\s+GRPC:\n\s+MaxRequests: 5/);
  assert.match(text, /Timeout:\n\s+HTTP2:\n\s+Idle:/);
  assert.match(text, /AWSCloudMap:\n\s+NamespaceName: a/);
});
