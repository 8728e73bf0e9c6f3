// `meshwright deploy` against a real meshwright server: files for a node, clear errors naming the flag.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer, useTestCredentialsInEnv } from '../../../../testkit/bff';
import { sqliteVariant } from '../../../../testkit/stores';
import { main } from '../main';
import { reviewsBundle } from './fixture';
import { apiRequest } from '../../../../testkit/http';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['deploy', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// The reviews mesh with an ingress gateway on 8088 in front of reviews.
// productpage stores its exclusions as meshwright.io/exclude-* tags.
const EXCLUSION_TAGS = [
  { key: 'meshwright.io/exclude-inbound-ports', value: '9100' },
  { key: 'meshwright.io/exclude-uids', value: '1400,1401' },
  { key: 'meshwright.io/exclude-gids', value: '2000' },
];
const withGateway = {
  ...reviewsBundle(),
  virtualNodes: reviewsBundle().virtualNodes.map((n) => (n.virtualNodeName === 'productpage' ? { ...n, tags: EXCLUSION_TAGS } : n)),
  virtualGateways: [{ virtualGatewayName: 'edge', spec: { listeners: [{ portMapping: { port: 8088, protocol: 'http' } }] } }],
  gatewayRoutes: [{ virtualGatewayName: 'edge', gatewayRouteName: 'to-reviews', spec: { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'reviews.shop.local' } } } } } }],
};

let server: TestServer;
before(async () => {
  useTestCredentialsInEnv();
  server = await startTestServer(sqliteVariant);
  const res = await apiRequest(server, `/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(withGateway) });
  assert.equal(res.status, 201, await res.text());
});
after(async () => server.close());

const node = () => ['--endpoint', server.url, '--mesh', 'shop', '--virtual-node', 'productpage'];

test('writes the systemd files for a node, with the ports the server compiled', async () => {
  const out = mkdtempSync(join(tmpdir(), 'mw-deploy-'));
  const r = await run(...node(), '--target', 'systemd', '--out', out, '--exclude-port', '5432', '--envoy-uid', '1500');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(readdirSync(join(out, 'systemd')).sort(), ['envoy.yaml', 'meshwright-envoy-productpage.service', 'meshwright-redirect-productpage.service', 'meshwright-redirect.sh']);
  const script = readFileSync(join(out, 'systemd/meshwright-redirect.sh'), 'utf8');
  assert.match(script, /MW_APP_PORTS="\$\{MW_APP_PORTS-8080\}"/);
  assert.match(script, /MW_ENVOY_UID="\$\{MW_ENVOY_UID-1500\}"/);
  assert.match(script, /MW_EGRESS_IGNORED_PORTS="\$\{MW_EGRESS_IGNORED_PORTS-5432\}"/);
  assert.doesNotMatch(script, /MW_TCP_EGRESS|--to-ports "?[$]\{?pair/);
  assert.equal(statSync(join(out, 'systemd/meshwright-redirect.sh')).mode & 0o777, 0o755);
  assert.equal(statSync(join(out, 'systemd/envoy.yaml')).mode & 0o777, 0o600, 'the bootstrap holds the client key');
  assert.match(readFileSync(join(out, 'systemd/envoy.yaml'), 'utf8'), /mesh\/shop\/virtualNode\/productpage/);
  assert.match(readFileSync(join(out, 'systemd/meshwright-envoy-productpage.service'), 'utf8'), /^User=1500$/m);
});

test('prints every file on stdout without --out', async () => {
  const r = await run(...node(), '--target', 'kubernetes');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /### kubernetes\/deployment-patch.yaml/);
  assert.match(r.out, /kind: Deployment/);
});

test('an unknown node is exit 1 naming --virtual-node', async () => {
  const r = await run('--endpoint', server.url, '--mesh', 'shop', '--virtual-node', 'nope', '--target', 'ecs');
  assert.equal(r.code, 1);
  assert.match(r.err, /virtual node "nope" \(--virtual-node\) in mesh "shop" \(--mesh\) was not found/);
});

test('an unreachable server is exit 2 naming --endpoint', async () => {
  const r = await run('--endpoint', 'http://127.0.0.1:9', '--mesh', 'shop', '--virtual-node', 'productpage', '--target', 'docker');
  assert.equal(r.code, 2);
  assert.match(r.err, /cannot reach the meshwright server at http:\/\/127.0.0.1:9 \(--endpoint\)/);
});

test('bad flags are exit 2 naming the flag', async () => {
  assert.match((await run(...node(), '--target', 'nomad')).err, /--target must be one of kubernetes, ecs, systemd, docker, not "nomad"/);
  assert.match((await run(...node(), '--target', 'ecs', '--envoy-uid', 'root')).err, /--envoy-uid must be a whole number/);
  assert.match((await run(...node(), '--target', 'ecs', '--exclude-port', '80', '--exclude-port', '99999')).err, /--exclude-port must be a whole number from 1 to 65535, not "99999"/);
  assert.match((await run('--mesh', 'shop', '--target', 'ecs')).err, /--endpoint is missing/);
  assert.match((await run(...node(), '--target', 'ecs', '--bootstrap-secret-arn', 'my-secret')).err, /--bootstrap-secret-arn must be a Secrets Manager secret or SSM parameter ARN, not "my-secret"/);
});

test('a gateway gets Envoy alone with its listener port, and an unknown gateway names --virtual-gateway', async () => {
  const gw = ['--endpoint', server.url, '--mesh', 'shop', '--virtual-gateway', 'edge', '--target', 'kubernetes'];
  const r = await run(...gw);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /### kubernetes\/gateway.yaml/);
  assert.match(r.out, /type: LoadBalancer/);
  assert.match(r.out, /containerPort: 8088/);
  assert.doesNotMatch(r.out, /initContainers|meshwright-redirect/);
  const missing = await run('--endpoint', server.url, '--mesh', 'shop', '--virtual-gateway', 'nope', '--target', 'ecs');
  assert.equal(missing.code, 1);
  assert.match(missing.err, /virtual gateway "nope" \(--virtual-gateway\) in mesh "shop" \(--mesh\) was not found/);
  assert.match((await run(...node(), '--virtual-gateway', 'edge', '--target', 'ecs')).err, /give one of --virtual-node or --virtual-gateway/);
});

test("the node's exclusion tags reach the redirection, and the flags add to them", async () => {
  const r = await run(...node(), '--target', 'ecs', '--ignore-gid', '2001', '--exclude-inbound-port', '9101');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /"name": "IgnoredGID",\s+"value": "2000"/);
  assert.match(r.err, /excluded UIDs 1400,1401 and GIDs after the first \(2001\) are not applied on ECS/);
  const k8s = await run(...node(), '--target', 'kubernetes', '--ignore-uid', '1402');
  assert.match(k8s.out, /name: MW_IGNORED_UIDS\n\s+value: 1400,1401,1402/);
  assert.match(k8s.out, /name: MW_IGNORED_GIDS\n\s+value: "2000"/);
  assert.match((await run(...node(), '--target', 'ecs', '--ignore-uid', '-1')).err, /--ignore-uid must be a whole number/);
});

test("a server run with PROXY_* ports and XDS_ADDRESSES: node and gateway deploys use its ports and list every replica's xDS", async () => {
  const replicas = [{ host: '10.9.0.1', port: 18000 }, { host: '10.9.0.2', port: 18000 }];
  const other = await startTestServer(sqliteVariant, { config: { xds: { host: '10.9.0.1', port: 18000, addresses: replicas }, proxy: { ports: { ingress: 16000, egress: 16001 } } } });
  try {
    const res = await apiRequest(other, `/api/bundles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(withGateway) });
    assert.equal(res.status, 201, await res.text());
    const endpoint = ['--endpoint', other.url, '--mesh', 'shop'];
    const nodeOut = await run(...endpoint, '--virtual-node', 'productpage', '--target', 'systemd');
    assert.equal(nodeOut.code, 0, nodeOut.err);
    assert.match(nodeOut.out, /MW_INGRESS_PORT="\$\{MW_INGRESS_PORT-16000\}"/);
    assert.match(nodeOut.out, /MW_EGRESS_PORT="\$\{MW_EGRESS_PORT-16001\}"/);
    const gateway = await run(...endpoint, '--virtual-gateway', 'edge', '--target', 'systemd');
    assert.equal(gateway.code, 0, gateway.err);
    const bootstrap = /### systemd\/envoy\.yaml\n([\s\S]*?)(?=\n### |$)/.exec(gateway.out)?.[1] ?? '';
    assert.match(bootstrap, /address: 10\.9\.0\.1[\s\S]*address: 10\.9\.0\.2/, "the gateway's ADS bootstrap lists both replicas");
  } finally {
    await other.close();
  }
});
