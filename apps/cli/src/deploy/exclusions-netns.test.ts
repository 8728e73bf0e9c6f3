// The exclusions proof, as root in network namespaces of its own. productpage stores its exclusions as
// meshwright.io/exclude-* tags on a real meshwright server: inbound port 9100 (a metrics port beside
// 8080), outbound port 9080 and GID 2000. `meshwright deploy --target systemd` writes the redirection
// script from them; a real Envoy runs from the server's compiled bootstrap. Each excluded flow reaches
// its destination directly while the flow beside it still goes through Envoy, as its counters and
// access log show.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer, useTestCredentialsInEnv } from '../../../../testkit/bff';
import { eventually } from '../../../../testkit/eventually';
import { apiJson, apiRequest } from '../../../../testkit/http';
import { NETNS_WAIT_MS, asUser, parseStats, proofDir, startEnvoyIn, type NetnsEnvoy, type ProofDir } from '../../../../testkit/netns-envoy';
import { namespacePair, requireRoot, type NamespacePair } from '../../../../testkit/netns';
import { sqliteVariant } from '../../../../testkit/stores';
import { main } from '../main';
import { APP_PORT, reviewsBundle } from './fixture';

const ROLES = fileURLToPath(new URL('./netns-roles.mjs', import.meta.url));
const NET = { app: '10.233.0.1', v1: '10.233.0.2', v2: '10.233.0.3', direct: '10.233.0.4', db: '10.233.0.5', outside: '10.233.0.9' };
const OUTSIDE = Object.values(NET).filter((a) => a !== NET.app);
const ENVOY_UID = 1337;
const METRICS_PORT = 9100;
const EXCLUDED_GID = 2000;
/** An app UID that is not excluded: only its group decides. */
const APP_UID = 1500;
const TAGS = [
  { key: 'meshwright.io/exclude-inbound-ports', value: String(METRICS_PORT) },
  { key: 'meshwright.io/exclude-outbound-ports', value: '9080' },
  { key: 'meshwright.io/exclude-gids', value: String(EXCLUDED_GID) },
];
/** Not HTTP: Envoy's DROP_ALL egress answers it 400 at once, the outside echo server echoes it. */
const TLS_HELLO = 'hex:160301020001';

let server: TestServer;
let pair: NamespacePair;
let p: ProofDir;
let envoy: NetnsEnvoy;
let script: string;

const get = (where: 'a' | 'b', url: string) => pair[where].run(p.node, [p.roles, 'get', url]);
const stats = () => parseStats(get('a', 'http://127.0.0.1:9901/stats'));
/** Envoy's counters before and after `act`, and what `act` returned. */
function measured<T>(act: () => T): { result: T; delta: (name: string) => number; after: Map<string, number> } {
  const before = stats();
  const result = act();
  const after = stats();
  return { result, after, delta: (name) => (after.get(name) ?? 0) - (before.get(name) ?? 0) };
}
const EGRESS_CX = 'listener.0.0.0.0_15001.downstream_cx_total';

before(async () => {
  requireRoot();
  useTestCredentialsInEnv();
  server = await startTestServer(sqliteVariant);
  // productpage logs each request its Envoy carries to stdout (ACCESS_LOG_FORMAT), which the proof reads.
  const base = reviewsBundle({ v1: NET.v1, v2: NET.v2, db: NET.db }, 'DROP_ALL', [APP_PORT, METRICS_PORT]);
  const bundle = { ...base, virtualNodes: base.virtualNodes.map((n) => (n.virtualNodeName === 'productpage' ? { ...n, tags: TAGS } : n)) };
  const created = await apiJson(server, 'POST', '/api/bundles', bundle);
  assert.equal(created.status, 201, await created.text());

  pair = namespacePair('x', NET.app, OUTSIDE, `127.0.0.1 localhost\n${NET.direct} reviews.shop.local\n${NET.db} ratings-db.shop.local\n`);
  p = proofDir('exclusions', ROLES);
  const err: string[] = [];
  const code = await main(['deploy', '--endpoint', server.url, '--mesh', 'shop', '--virtual-node', 'productpage', '--target', 'systemd', '--envoy-uid', String(ENVOY_UID), '--out', join(p.dir, 'deploy')],
    { out: () => undefined, err: (l) => err.push(l) });
  assert.equal(code, 0, err.join('\n'));
  script = join(p.dir, 'deploy/systemd/meshwright-redirect.sh');
  const compiled = await apiRequest(server, '/api/meshes/shop/virtualNodes/productpage/envoy-config?mode=static&format=yaml');
  assert.equal(compiled.status, 200);

  pair.b.start(p.node, [p.roles, 'backends', NET.v1, NET.v2, NET.direct, NET.db]);
  pair.b.start(p.node, [p.roles, 'outside', NET.outside]);
  pair.a.start(p.node, [p.roles, 'app', `${APP_PORT},${METRICS_PORT}`]);
  envoy = await startEnvoyIn(pair.a, p, 'envoy', await compiled.text(), { uid: ENVOY_UID, adminPort: 9901 });
  const listening = async () => {
    try {
      return [get('b', `http://${NET.app}:${METRICS_PORT}/whoami`), pair.a.run(p.node, [p.roles, 'tcp', NET.outside, '4443', 'up'])].join(' ');
    } catch {
      return 'not yet';
    }
  };
  await eventually('the app, the backends and the outside server listen', listening, (s) => s.endsWith('outside:up'), NETNS_WAIT_MS);
  pair.a.run('sh', [script, 'install']);
});

after(async () => {
  pair?.cleanup();
  p?.remove();
  await server?.close();
});

test("an inbound port the node excludes reaches the app directly; the app's other port goes through Envoy's ingress", async () => {
  const { result: [direct, viaEnvoy], delta, after } = measured(() => [
    get('b', `http://${NET.app}:${METRICS_PORT}/whoami?probe=excluded`),
    get('b', `http://${NET.app}:${APP_PORT}/whoami?probe=redirected`),
  ]);
  assert.ok(OUTSIDE.includes(direct ?? ''), `the app saw the caller's own address on ${METRICS_PORT}, not Envoy's: ${direct}`);
  assert.equal(viaEnvoy, '127.0.0.1', `on ${APP_PORT} the app saw Envoy's ingress connect from loopback`);
  // Envoy would route 9100 (its ingress has the chain), so the 0 below is the exclusion's doing.
  assert.ok(after.has(`http.ingress_http_${METRICS_PORT}.downstream_rq_total`), 'the ingress listener serves the metrics port');
  assert.equal(delta(`http.ingress_http_${METRICS_PORT}.downstream_rq_total`), 0);
  assert.equal(delta(`http.ingress_http_${APP_PORT}.downstream_rq_total`), 1);
  // Envoy writes its access log in order: once the redirected request's line is there, the excluded one would be before it.
  await eventually('the access log has the redirected request', async () => envoy.log(), (l) => /^access \S+ \/whoami\?probe=redirected cds_ingress_shop_productpage_http_8080$/m.test(l), NETNS_WAIT_MS);
  assert.doesNotMatch(envoy.log(), /probe=excluded/);
});

test('an outbound port the node excludes goes directly to the name it calls; the TCP backend beside it still goes through Envoy', () => {
  const { result: counts, delta } = measured(() => JSON.parse(get('b', `http://${NET.app}:${APP_PORT}/fanout?n=20`)) as Record<string, number>);
  // reviews.shop.local resolves to the direct server; only Envoy would have split the calls between v1 and v2.
  assert.deepEqual(counts, { direct: 20 });
  assert.equal(delta('http.egress.downstream_rq_total'), 0);
  assert.equal(delta(EGRESS_CX), 0);
  const tcp = measured(() => get('b', `http://${NET.app}:${APP_PORT}/tcp`));
  assert.equal(tcp.result, 'db:ping');
  assert.equal(tcp.delta('tcp.egress_tcp_ratings-db.shop.local_6379.downstream_cx_total'), 1, 'port 6379 is not excluded: Envoy carried it');
  assert.equal(tcp.delta(EGRESS_CX), 1);
});

test('a process running with the excluded GID goes direct; the same call from another GID goes through Envoy', () => {
  const call = (gid: number) => pair.a.run(...asUser(APP_UID, gid, p.node, [p.roles, 'tcp', NET.outside, '4443', TLS_HELLO]));
  const excluded = measured(() => call(EXCLUDED_GID));
  assert.ok(excluded.result.startsWith('outside:'), `GID ${EXCLUDED_GID} reached the server outside the mesh: ${excluded.result}`);
  assert.equal(excluded.delta(EGRESS_CX), 0, 'Envoy never saw the connection');
  const other = measured(() => call(EXCLUDED_GID + 1));
  assert.ok(!other.result.startsWith('outside:'), `GID ${EXCLUDED_GID + 1} was redirected, and the mesh's DROP_ALL refused it: ${other.result}`);
  assert.equal(other.delta(EGRESS_CX), 1, "the connection went to Envoy's egress");
});

test('remove restores direct inbound traffic on the app port', () => {
  pair.a.run('sh', [script, 'remove']);
  const { result, delta } = measured(() => get('b', `http://${NET.app}:${APP_PORT}/whoami`));
  assert.ok(OUTSIDE.includes(result), `the app saw the caller's address: ${result}`);
  assert.equal(delta(`http.ingress_http_${APP_PORT}.downstream_rq_total`), 0);
});
