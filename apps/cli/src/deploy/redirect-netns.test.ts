// The redirection proof, as root in network namespaces of its own: the app calls
// http://reviews.shop.local:9080/ and a TCP backend by name with no proxy settings; the generated
// iptables script sends the calls through a real Envoy started from the node's static bootstrap
// (running as the Envoy UID), which splits them 80/20; inbound calls to the app's port pass
// through Envoy's ingress; `remove` restores direct traffic.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deployOptionsSchema, readyCheck, redirectScript, toEnvoyYaml } from '@meshwright/model';
import { eventually } from '../../../../testkit/eventually';
import { NETNS_WAIT_MS, parseStats, proofDir, startEnvoyIn, type NetnsEnvoy, type ProofDir } from '../../../../testkit/netns-envoy';
import { namespacePair, requireRoot, type NamespacePair } from '../../../../testkit/netns';
import { assertShares } from '../../../../testkit/weighted-split';
import { APP_PORT, productpage } from './fixture';

const ROLES = fileURLToPath(new URL('./netns-roles.mjs', import.meta.url));
const NET = { app: '10.231.0.1', v1: '10.231.0.2', v2: '10.231.0.3', direct: '10.231.0.4', db: '10.231.0.5' };
const UID = 1337;

let pair: NamespacePair;
let p: ProofDir;
let script: string;
let envoy: NetnsEnvoy;
const { staticBootstrap, facts } = productpage({ v1: NET.v1, v2: NET.v2, db: NET.db });

const get = (where: 'a' | 'b', url: string) => pair[where].run(p.node, [p.roles, 'get', url]);
function stats(): Map<string, number> {
  const text = get('a', `http://127.0.0.1:${facts.adminPort}/stats`);
  return parseStats(text);
}
const stat = (s: Map<string, number>, name: string) => s.get(name) ?? 0;
const fanout = (n: number) => JSON.parse(get('b', `http://${NET.app}:${APP_PORT}/fanout?n=${n}`)) as Record<string, number>;
const tcpStat = `tcp.egress_tcp_ratings-db.shop.local_6379.downstream_cx_total`;
const tcpCluster = 'cluster.cds_egress_shop_ratings-db_tcp_6379.upstream_cx_total';
const ingressStat = `http.ingress_http_${APP_PORT}.downstream_rq_total`;
/** Envoy's access log lines (ACCESS_LOG_FORMAT) for `authorityAndPath` sent to `cluster`. */
const logged = (authorityAndPath: string, cluster: string) =>
  envoy.log().split('\n').filter((l) => l === `access ${authorityAndPath} ${cluster}`).length;
const V1 = 'cds_egress_shop_reviews-v1_http_9080';
const V2 = 'cds_egress_shop_reviews-v2_http_9080';
const TCP_CLUSTER = 'cds_egress_shop_ratings-db_tcp_6379';

before(async () => {
  requireRoot();
  const hosts = `127.0.0.1 localhost\n${NET.direct} reviews.shop.local\n${NET.db} ratings-db.shop.local\n`;
  pair = namespacePair('r', NET.app, [NET.v1, NET.v2, NET.direct, NET.db], hosts);
  p = proofDir('redirect', ROLES);
  script = p.write('meshwright-redirect.sh', redirectScript(facts, deployOptionsSchema.parse({ envoyUid: UID })), 0o755);
  pair.b.start(p.node, [p.roles, 'backends', NET.v1, NET.v2, NET.direct, NET.db]);
  pair.a.start(p.node, [p.roles, 'app', String(APP_PORT)]);
  // Envoy runs as the Envoy UID, which the rules exempt: its own upstream connections are not redirected.
  envoy = await startEnvoyIn(pair.a, p, 'envoy', toEnvoyYaml(staticBootstrap), { uid: UID, adminPort: facts.adminPort });
  await eventually('the app and backends listen', async () => {
    try {
      return fanout(1);
    } catch {
      return {};
    }
  }, (c) => c.direct === 1, NETNS_WAIT_MS);
});

after(() => {
  pair?.cleanup();
  p?.remove();
});

test('without the rules the app reaches the name directly and Envoy sees nothing', () => {
  const before = stats();
  assert.deepEqual(fanout(20), { direct: 20 });
  assert.equal(get('a', `http://127.0.0.1:${APP_PORT}/tcp`), 'db:ping');
  const now = stats();
  assert.equal(stat(now, 'http.egress.downstream_rq_total'), stat(before, 'http.egress.downstream_rq_total'));
  assert.equal(stat(now, ingressStat), stat(before, ingressStat));
});

test('with the rules installed, calls by name go through Envoy and split 80/20, inbound passes its ingress', async () => {
  pair.a.run('sh', [script, 'install']);
  const before = stats();
  const n = 500;
  const counts = fanout(n);
  const now = stats();
  // Every call was routed by Envoy (none answered "direct"), split as a fair 80/20 pick is (within 5σ).
  assertShares(new Map(Object.entries(counts)), { v1: 0.8, v2: 0.2 });
  // Envoy's own counters: n requests on the egress listener, the split on its clusters, the fan-out call on the ingress.
  const delta = (name: string) => stat(now, name) - stat(before, name);
  assert.equal(delta('http.egress.downstream_rq_total'), n);
  assert.equal(delta('cluster.cds_egress_shop_reviews-v1_http_9080.upstream_rq_total'), counts.v1);
  assert.equal(delta('cluster.cds_egress_shop_reviews-v2_http_9080.upstream_rq_total'), counts.v2);
  assert.equal(delta(ingressStat), 1, 'the inbound call to the app port went through the ingress listener');
  // Envoy's access log says the same, call by call (it flushes about once a second).
  await eventually('the access log has every call', async () => logged('reviews.shop.local:9080 /', V1) + logged('reviews.shop.local:9080 /', V2), (c) => c >= n, NETNS_WAIT_MS);
  assert.equal(logged('reviews.shop.local:9080 /', V1), counts.v1);
  assert.equal(logged('reviews.shop.local:9080 /', V2), counts.v2);
  assert.equal(logged(`${NET.app}:${APP_PORT} /fanout?n=${n}`, `cds_ingress_shop_productpage_http_${APP_PORT}`), 1);
  console.log(`split over ${n}: v1 ${counts.v1 ?? 0}, v2 ${counts.v2 ?? 0}`);
});

test("a TCP backend called by name goes through Envoy's egress port, picked by its original port", async () => {
  // No per-port rule: every redirected connection reaches 15001, whose original_dst filter picks the chain.
  assert.doesNotMatch(pair.a.run('iptables', ['-t', 'nat', '-S']), /--dport 6379 -j REDIRECT/);
  const before = stats();
  assert.equal(get('a', `http://127.0.0.1:${APP_PORT}/tcp`), 'db:ping');
  const now = stats();
  const delta = (name: string) => stat(now, name) - stat(before, name);
  assert.equal(delta(tcpStat), 1);
  assert.equal(delta(tcpCluster), 1, 'the TCP backend cluster took the connection');
  assert.equal(delta(`listener.0.0.0.0_${facts.egressPort}.downstream_cx_total`), 1, 'through the egress listener');
  const localhostListener = facts.tcpEgress[0]?.listenerPort;
  assert.equal(delta(`listener.0.0.0.0_${String(localhostListener)}.downstream_cx_total`), 0, 'not the localhost TCP listener');
  // A TCP proxy logs when the connection closes; the one before the rules went direct and left no line.
  await eventually('the access log has the TCP connection', async () => logged('- -', TCP_CLUSTER), (c) => c >= 1, NETNS_WAIT_MS);
  assert.equal(logged('- -', TCP_CLUSTER), 1);
});

test("the generated readiness check (bash, no curl) passes against Envoy's admin", () => {
  const [cmd = 'bash', ...args] = readyCheck(facts);
  pair.a.run(cmd, args);
});

test('remove restores direct traffic', () => {
  pair.a.run('sh', [script, 'remove']);
  assert.doesNotMatch(pair.a.run('iptables', ['-t', 'nat', '-S']), /MESHWRIGHT/);
  const before = stats();
  assert.deepEqual(fanout(20), { direct: 20 });
  const now = stats();
  assert.equal(stat(now, 'http.egress.downstream_rq_total'), stat(before, 'http.egress.downstream_rq_total'));
  assert.equal(stat(now, ingressStat), stat(before, ingressStat));
});
