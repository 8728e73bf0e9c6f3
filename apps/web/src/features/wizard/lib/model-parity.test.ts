import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateBundle } from '@meshwright/model';
import { validateNodeEdit } from '../../resources/lib/node-edit-schema';
import { nodeEditValuesFromSpec } from '../../resources/lib/node-edit-values';
import { wizardFieldForResource } from './field-paths';
import type { WizardValues } from './form-values';
import { filledWizard } from './test-fixtures';
import { toBundle } from './to-bundle';
import { validateWizard } from './validate';

// The wizard restates no rule: for every rule it used to check itself, the same invalid input run
// through the wizard and through validateBundle gives the same finding (code, path, message) at the field.

const cases: { rule: string; code: string; path: string; change: (v: WizardValues) => void }[] = [
  { rule: 'DNS hostname', code: 'node.dns-hostname-empty', path: 'spec.serviceDiscovery.dns.hostname', change: (v) => void (v.nodes[1] && (v.nodes[1].dnsHostname = ' ')) },
  { rule: 'health check path', code: 'node.health-check-path-missing', path: 'spec.listeners[0].healthCheck.path', change: (v) => void (v.nodes[0] && (v.nodes[0].healthCheck.path = '')) },
  { rule: 'port range', code: 'schema.invalid', path: 'spec.listeners[0].portMapping.port', change: (v) => void (v.nodes[0] && (v.nodes[0].port = 70000)) },
  { rule: 'route kind', code: 'route.kind-mismatch', path: 'spec.tcpRoute', change: (v) => void (v.route.type = 'tcp') },
  { rule: 'prefix', code: 'route.prefix-invalid', path: 'spec.httpRoute.match.prefix', change: (v) => void (v.route.prefix = 'api') },
  { rule: 'target exists', code: 'route.target-missing', path: 'spec.httpRoute.action.weightedTargets[0].virtualNode', change: (v) => void (v.route.targets[0] && (v.route.targets[0].node = 'ghost')) },
  { rule: 'target listens', code: 'route.target-without-listener', path: 'spec.httpRoute.action.weightedTargets[1].virtualNode', change: (v) => void (v.nodes[1] && (v.nodes[1].discovery = 'none')) },
  { rule: 'weights at most 100', code: 'route.weights-over-100', path: 'spec.httpRoute.action.weightedTargets', change: (v) => void (v.route.targets[1] && (v.route.targets[1].weight = 20)) },
  { rule: 'weights not all 0', code: 'route.weights-zero', path: 'spec.httpRoute.action.weightedTargets', change: (v) => v.route.targets.forEach((t) => (t.weight = 0)) },
  { rule: 'access log path', code: 'node.access-log-path-not-allowed', path: 'spec.logging.accessLog.file.path', change: (v) => void (v.nodes[0] && (v.nodes[0].logPath = '/etc/cron.d/x')) },
  { rule: 'provider listens', code: 'service.provider-without-listener', path: 'spec.provider.virtualNode.virtualNodeName', change: (v) => { v.useRouter = false; if (v.nodes[0]) v.nodes[0].discovery = 'none'; } },
  { rule: 'unique node names', code: 'name.duplicate', path: 'virtualNodeName', change: (v) => void (v.nodes[1] && (v.nodes[1].name = 'reviews-v1')) },
];

for (const c of cases) {
  test(`${c.rule}: the wizard shows the model's ${c.code} finding at its field`, () => {
    const values = filledWizard();
    c.change(values);
    const finding = validateBundle(toBundle(values)).findings.find((f) => f.code === c.code);
    assert.ok(finding, `validateBundle reports ${c.code}`);
    assert.equal(finding.path, c.path);
    const names = { nodes: values.nodes.map((n) => n.name.trim()) };
    const field = c.code === 'name.duplicate' ? 'nodes.1.name' : wizardFieldForResource(finding.resource.kind, finding.resource.name, finding.path, names);
    assert.ok(field, `${finding.path} maps to a field`);
    assert.deepEqual(validateWizard(values).find((i) => i.field === field), { field, message: finding.message });
  });
}

test("unique listener ports: the node edit form shows the model's node.duplicate-listener-port finding", () => {
  const spec = { listeners: [{ portMapping: { port: 8080, protocol: 'http' as const } }, { portMapping: { port: 8080, protocol: 'grpc' as const } }], serviceDiscovery: { dns: { hostname: 'api.local' } } };
  const bundle = { mesh: { meshName: 'm', spec: {} }, virtualNodes: [{ meshName: 'm', virtualNodeName: 'api', spec }], virtualRouters: [], routes: [], virtualServices: [] };
  const finding = validateBundle(bundle).findings.find((f) => f.code === 'node.duplicate-listener-port');
  assert.ok(finding);
  assert.equal(finding.path, 'spec.listeners[1].portMapping.port');
  assert.deepEqual(validateNodeEdit(nodeEditValuesFromSpec('api', spec)), [{ field: 'listeners.1.port', message: finding.message }]);
});
