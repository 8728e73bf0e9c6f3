import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { VirtualNodeSpec } from '@meshwright/model';
import { nodeEditSchema, validateNodeEdit } from './node-edit-schema';
import { nodeEditValuesFromSpec } from './node-edit-values';

const spec: VirtualNodeSpec = {
  listeners: [{ portMapping: { port: 8080, protocol: 'http' } }, { portMapping: { port: 8081, protocol: 'grpc' } }],
  serviceDiscovery: { dns: { hostname: 'api.local' } },
};

test('a valid node with two listeners has no issues, and the schema keeps where each listener came from', () => {
  const values = nodeEditValuesFromSpec('api', spec);
  assert.deepEqual(validateNodeEdit(values), []);
  const parsed = nodeEditSchema.safeParse(values);
  assert.equal(parsed.success, true);
  assert.deepEqual(parsed.data?.listeners.map((l) => l.source), [0, 1]);
});

test('each listener\'s problems are reported at that listener\'s fields, the node\'s at the node\'s', () => {
  const values = nodeEditValuesFromSpec('api', spec);
  const [, second] = values.listeners;
  assert.ok(second);
  second.port = 70000;
  second.healthCheck = { ...second.healthCheck, enabled: true, intervalMillis: Number.NaN };
  const fields = validateNodeEdit(values).map((i) => i.field);
  assert.ok(fields.includes('listeners.1.port'), fields.join());
  assert.ok(fields.includes('listeners.1.healthCheck.intervalMillis'), fields.join());
  assert.ok(!fields.some((f) => f.startsWith('listeners.0')), fields.join());
  assert.equal(validateNodeEdit(values).find((i) => i.field === 'listeners.1.port')?.message, 'must be a whole number from 1 to 65535');
  // The model analyses a node once its spec parses: then the empty hostname is the node's own problem.
  second.port = 8081;
  second.healthCheck.intervalMillis = 5000;
  values.node.dnsHostname = '';
  assert.deepEqual(validateNodeEdit(values), [{ field: 'node.dnsHostname', message: 'DNS hostname is empty' }]);
});

test('two listeners on one port: the later one is flagged', () => {
  const values = nodeEditValuesFromSpec('api', spec);
  const [, second] = values.listeners;
  assert.ok(second);
  second.port = 8080;
  assert.deepEqual(validateNodeEdit(values), [{ field: 'listeners.1.port', message: 'port 8080 is already used by listener 0; each listener needs its own port' }]);
});
