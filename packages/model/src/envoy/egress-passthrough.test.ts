import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compile } from '../compile/compile';
import { arr, obj } from '../compile/test-json';
import { httpRoute, testMesh } from '../compile/test-mesh';

const egressOf = (r: ReturnType<typeof compile>) => obj(r.resources.listeners.find((l) => l.name === 'lds_egress_0.0.0.0_15001'));

test('ALLOW_ALL: TCP backends and mesh HTTP ports by port, other HTTP by application protocol, everything else to its original destination', () => {
  const model = testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }]);
  model.mesh.spec = { egressFilter: { type: 'ALLOW_ALL' } };
  const r = compile(model, 'web');
  const egress = egressOf(r);
  const filters = arr(egress.listener_filters).map(obj);
  assert.deepEqual(filters.map((f) => f.name), ['envoy.filters.listener.original_dst', 'envoy.filters.listener.http_inspector']);
  // The inspector skips the TCP backend's port (a server-first TCP backend must not wait for detection) and the
  // mesh's HTTP port 8080 (a client slow to send its request must still be routed, not passed through).
  assert.deepEqual(filters[1]?.filter_disabled, { or_match: { rules: [{ destination_port_range: { start: 5432, end: 5433 } }, { destination_port_range: { start: 8080, end: 8081 } }] } });
  assert.equal(egress.continue_on_listener_filters_timeout, true);
  const chains = arr(egress.filter_chains).map(obj);
  assert.deepEqual(chains.map((c) => [c.name, c.filter_chain_match]), [
    ['egress_tcp_db.svc_5432', { destination_port: 5432 }],
    ['egress_http_8080', { destination_port: 8080 }],
    ['egress_http', { application_protocols: ['http/1.0', 'http/1.1', 'h2c'] }],
    ['egress_http_direct', { destination_port: 15001, application_protocols: ['http/1.0', 'http/1.1', 'h2c'] }],
    ['egress_direct_not_http', { destination_port: 15001 }],
  ]);
  assert.deepEqual(chains[1]?.filters, chains[2]?.filters, 'the mesh port chain is the HTTP chain');
  assert.deepEqual(chains[4]?.filters, [], 'non-HTTP to the egress port itself is closed: passing it on would loop');
  const fallback = obj(egress.default_filter_chain);
  assert.equal(obj(obj(arr(fallback.filters)[0]).typed_config).cluster, 'cds_egress_m_passthrough');
  const cluster = obj(r.resources.clusters.find((c) => c.name === 'cds_egress_m_passthrough'));
  assert.deepEqual([cluster.type, cluster.lb_policy], ['ORIGINAL_DST', 'CLUSTER_PROVIDED']);
});

test('DROP_ALL: no passthrough cluster, and the HTTP chain stays the default (non-HTTP bytes are refused by it)', () => {
  const r = compile(testMesh([{ name: 'all', spec: httpRoute([['api-v1', 1]]) }]), 'web');
  assert.equal(r.resources.clusters.some((c) => c.name.endsWith('_passthrough')), false);
  assert.equal(obj(egressOf(r).default_filter_chain).name, 'egress_http');
});
