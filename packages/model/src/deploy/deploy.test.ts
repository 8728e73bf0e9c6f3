import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { DEPLOY_TARGETS, DeployFactsError, deployFacts, generateDeployment, type DeployFacts } from './index';

const facts: DeployFacts = {
  meshName: 'shop', nodeName: 'productpage', appPorts: [8080, 8443], adminPort: 9901, ingressPort: 15000, egressPort: 15001,
  tcpEgress: [{ service: 'db.shop.local', port: 5432, listenerPort: 15100 }], bootstrapYaml: 'node: {id: x}\n',
};

test('deployFacts reads the ports from the compiled listeners and refuses a bootstrap without admin', () => {
  const listener = (name: string, port: number) => ({ name, address: { socket_address: { address: '0.0.0.0', port_value: port } } });
  const got = deployFacts({
    meshName: 'shop', nodeName: 'n', appPorts: [9, 8, 9], bootstrapYaml: '',
    staticBootstrap: {
      admin: { address: { socket_address: { address: '127.0.0.1', port_value: 19000 } } },
      static_resources: { listeners: [listener('lds_ingress_0.0.0.0_16000', 16000), listener('lds_egress_0.0.0.0_16001', 16001), listener('lds_egress_tcp_db_5432', 16100)] },
    },
  });
  assert.deepEqual([got.adminPort, got.ingressPort, got.egressPort, got.appPorts], [19000, 16000, 16001, [8, 9]]);
  assert.deepEqual(got.tcpEgress, [{ service: 'db', port: 5432, listenerPort: 16100 }]);
  assert.throws(() => deployFacts({ meshName: 'm', nodeName: 'n', appPorts: [], bootstrapYaml: '', staticBootstrap: {} }), DeployFactsError);
});

test('every target names the Envoy version, ports and UID; scripts are valid sh and YAML parses', () => {
  for (const target of DEPLOY_TARGETS) {
    const out = generateDeployment(target, facts, { envoyUid: 1500 });
    const text = [...out.files.map((f) => f.content), ...out.notes].join('\n');
    assert.match(text, /Tested with Envoy 1\.40\.0; Envoy runs as UID 1500; admin 127\.0\.0\.1:9901/, target);
    for (const f of out.files) {
      if (f.path.endsWith('.sh')) execFileSync('sh', ['-n'], { input: f.content });
      if (f.path.endsWith('.yaml')) for (const d of parseAllDocuments(f.content)) assert.deepEqual(d.errors, [], f.path);
    }
  }
});

test('a bad option is a zod error naming the field', () => {
  assert.throws(() => generateDeployment('ecs', facts, { excludePorts: [0] }), /excludePorts/);
});
