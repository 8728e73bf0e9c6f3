import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importCliDocuments } from './import-cli';
import { isCliScript, readCliScripts } from './script';
import { shellCommands } from './shell-words';

const gatewaySpec = { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] };
const routeSpec = { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'shop.local' } } } } };
const files: Record<string, string> = {
  'vg-spec.json': JSON.stringify(gatewaySpec),
  'gr.json': JSON.stringify({ meshName: 'front-door', virtualGatewayName: 'front', gatewayRouteName: 'all', spec: routeSpec }),
};
const script = `#!/usr/bin/env bash
set -euo pipefail
MESH_NAME=\${MESH_NAME:-front-door}
export GW=front
aws appmesh create-mesh --mesh-name "$MESH_NAME" --spec '{"egressFilter": {"type": "DROP_ALL"}}'
# The gateway, its spec in a file beside the script
aws --region us-west-2 appmesh create-virtual-gateway \\
  --mesh-name $MESH_NAME \\
  --virtual-gateway-name \${GW} \\
  --spec file://vg-spec.json \\
  --tags '[{"key":"team","value":"edge"}]'
aws appmesh create-gateway-route --cli-input-json file://gr.json
aws appmesh create-gateway-route --mesh-name $MESH_NAME --virtual-gateway-name $GW --gateway-route-name rpc --spec "$(cat rpc.json)"
aws appmesh describe-virtual-gateway --mesh-name $MESH_NAME --virtual-gateway-name $GW | jq .
aws appmesh create-virtual-service --mesh-name $MESH_NAME --virtual-service-name shop.local --spec file://missing.json
`;
const read = () => readCliScripts([{ source: 'deploy.sh', text: script }], (_script, path) => (files[path] === undefined ? undefined : { source: path, text: files[path] ?? '' }));

test('shell words: quotes, continuations, ${VAR:-default} and the script\'s own assignments', () => {
  const commands = shellCommands('A=1\nB="two $A" ; echo "$B" \'$A\' \\\n  ${C:-three} && x $(date)\n');
  assert.deepEqual(commands.map((c) => [c.line, c.words.map((w) => w.text)]), [
    [1, ['A=1']],
    [2, ['B=two 1']],
    [2, ['echo', 'two 1', '$A', 'three']],
    [3, ['x', '']],
  ]);
  assert.equal(commands[3]?.words[1]?.unknown, '$(...) is computed when the script runs');
});

test('a deploy script: every aws appmesh create-* becomes its CLI input, gateways included, with file:// read beside it', () => {
  const r = read();
  assert.deepEqual(r.used, ['vg-spec.json', 'gr.json']);
  const result = importCliDocuments(r.docs, { reports: r.reports });
  assert.deepEqual(result.bundle.mesh, { meshName: 'front-door', spec: { egressFilter: { type: 'DROP_ALL' } } });
  assert.deepEqual(result.bundle.virtualGateways, [{ virtualGatewayName: 'front', spec: gatewaySpec, tags: [{ key: 'team', value: 'edge' }] }]);
  // What could not be read is left out, and the analysis then says what that breaks (no spec).
  assert.deepEqual(result.bundle.gatewayRoutes, [
    { virtualGatewayName: 'front', gatewayRouteName: 'all', spec: routeSpec },
    { virtualGatewayName: 'front', gatewayRouteName: 'rpc' },
  ]);
  assert.deepEqual(result.bundle.virtualServices, [{ virtualServiceName: 'shop.local' }]);
  const report = result.report.entries.filter((e) => e.action !== 'mapped').map((e) => `${e.action} ${e.source}:${e.path}: ${e.message}`);
  assert.deepEqual(report, [
    'unresolved deploy.sh:line 13 --spec: $(...) is computed when the script runs: spec is left out',
    'dropped deploy.sh:line 14: aws appmesh describe-virtual-gateway is not read: only the create-* commands describe the resources',
    'unresolved deploy.sh:line 15 --spec: file://missing.json is not a file next to the script',
  ]);
});

test('scripts are told from JSON documents by their aws appmesh calls', () => {
  assert.equal(isCliScript(script), true);
  assert.equal(isCliScript(files['gr.json'] ?? ''), false);
  assert.equal(isCliScript('kubectl apply -f mesh.yaml\n'), false);
});
