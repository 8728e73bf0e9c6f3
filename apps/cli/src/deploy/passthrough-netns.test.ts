// Passthrough proof, as root in network namespaces: with the mesh's egressFilter ALLOW_ALL, a redirected
// TCP connection to a destination outside the mesh (no virtual service, any port, client-first or
// server-first) goes through Envoy's egress to its original destination; with DROP_ALL it is refused.
// Mesh traffic keeps its routes in both (the HTTP split and the TCP backend by port).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { deployOptionsSchema, redirectScript, toEnvoyYaml } from '@meshwright/model';
import { eventually } from '../../../../testkit/eventually';
import { NETNS_WAIT_MS, asUser, parseStats, proofDir, startEnvoyIn, type NetnsEnvoy, type ProofDir } from '../../../../testkit/netns-envoy';
import { namespacePair, requireRoot, type NamespacePair } from '../../../../testkit/netns';
import { APP_PORT, productpage, type EgressFilter } from './fixture';

const ROLES = fileURLToPath(new URL('./netns-roles.mjs', import.meta.url));
const NET = { app: '10.232.0.1', v1: '10.232.0.2', v2: '10.232.0.3', direct: '10.232.0.4', db: '10.232.0.5', outside: '10.232.0.9' };
const UID = 1337;
/** A UID the node's exclusions let bypass Envoy (meshwright.io/exclude-uids). */
const IGNORED_UID = 1400;
const HOSTS = { v1: NET.v1, v2: NET.v2, db: NET.db };
/** How long a connection nobody answers is given before the proof calls it stuck (the DROP_ALL server-first case). */
const STUCK_MS = '3000';

let pair: NamespacePair;
let p: ProofDir;
let envoy: NetnsEnvoy | undefined;
const facts = productpage(HOSTS).facts;
/** The first bytes of a TLS ClientHello, as a client of https://example.com:443 sends them. */
const TLS_HELLO = 'hex:160301020001';
const run = (args: string[]) => pair.a.run(p.node, [p.roles, ...args]);
const tcp = (port: number, send = '-', idleMs?: string) => run(['tcp', NET.outside, String(port), send, ...(idleMs ? [idleMs] : [])]);

function stats(): Map<string, number> {
  const text = run(['get', `http://127.0.0.1:${facts.adminPort}/stats`]);
  return parseStats(text);
}

/** Starts Envoy (as the Envoy UID) on productpage's static bootstrap for the mesh's egress filter. */
async function startEnvoy(egress: EgressFilter): Promise<void> {
  await envoy?.stop();
  envoy = await startEnvoyIn(pair.a, p, `envoy-${egress}`, toEnvoyYaml(productpage(HOSTS, {}, egress).staticBootstrap), { uid: UID, adminPort: facts.adminPort });
}

before(async () => {
  requireRoot();
  const hosts = `127.0.0.1 localhost\n${NET.direct} reviews.shop.local\n${NET.db} ratings-db.shop.local\n`;
  pair = namespacePair('p', NET.app, Object.values(NET).filter((a) => a !== NET.app), hosts);
  p = proofDir('passthrough', ROLES);
  const script = p.write('meshwright-redirect.sh', redirectScript(facts, deployOptionsSchema.parse({ envoyUid: UID, ignoreUids: [IGNORED_UID] })), 0o755);
  pair.b.start(p.node, [p.roles, 'backends', NET.v1, NET.v2, NET.direct, NET.db]);
  pair.b.start(p.node, [p.roles, 'outside', NET.outside]);
  pair.a.start(p.node, [p.roles, 'app', String(APP_PORT)]);
  await eventually('the outside servers listen (no rules yet: direct)', async () => tcp(4443, 'hi'), (r) => r === 'outside:hi', NETNS_WAIT_MS);
  pair.a.run('sh', [script, 'install']);
});

after(() => {
  pair?.cleanup();
  p?.remove();
});

test('ALLOW_ALL: TCP to a destination outside the mesh passes through Envoy to its original destination, on any port', async () => {
  await startEnvoy('ALLOW_ALL');
  const before = stats();
  assert.equal(tcp(4443, 'hello'), 'outside:hello', 'client-first TCP (as TLS to :443 is) reached the outside server');
  assert.equal(tcp(2525), '220 greeter\r\n', 'a server-first protocol passes once protocol detection gives up');
  assert.ok(tcp(4443, TLS_HELLO).startsWith('outside:'), 'TLS bytes reached the outside server');
  const now = stats();
  const delta = (name: string) => (now.get(name) ?? 0) - (before.get(name) ?? 0);
  assert.equal(delta('tcp.egress_passthrough.downstream_cx_total'), 3, 'all three went through the passthrough chain');
  assert.equal(delta('cluster.cds_egress_shop_passthrough.upstream_cx_total'), 3, 'to the original-destination cluster');
  assert.equal(delta(`listener.0.0.0.0_${facts.egressPort}.downstream_cx_total`), 3, 'through the egress listener');
  // Mesh traffic is still routed: HTTP by Host (split), the TCP backend by its port.
  const counts = JSON.parse(run(['get', `http://127.0.0.1:${APP_PORT}/fanout?n=20`])) as Record<string, number>;
  assert.equal((counts.v1 ?? 0) + (counts.v2 ?? 0), 20, JSON.stringify(counts));
  assert.equal(run(['get', `http://127.0.0.1:${APP_PORT}/tcp`]), 'db:ping');
  assert.equal((stats().get('tcp.egress_tcp_ratings-db.shop.local_6379.downstream_cx_total') ?? 0) - (now.get('tcp.egress_tcp_ratings-db.shop.local_6379.downstream_cx_total') ?? 0), 1);
});

test('ALLOW_ALL: an HTTP client slower to send than protocol detection waits is still routed on the mesh port, not passed through', () => {
  // reviews.shop.local resolves to the direct server: a passthrough would answer "direct", only Envoy's route v1 or v2.
  const request = 'GET / HTTP/1.1\r\nHost: reviews.shop.local:9080\r\nConnection: close\r\n\r\n';
  assert.match(run(['slow', 'reviews.shop.local', '9080', '500', request]), /\r\n\r\nv[12]$/);
});

test('ALLOW_ALL: a non-HTTP connection made to the egress port itself is closed, not looped back into Envoy', () => {
  assert.match(run(['tcp', '127.0.0.1', String(facts.egressPort), 'not http']), /^error:(CLOSED|ECONNRESET)$/);
  assert.equal(stats().get('cluster.cds_egress_shop_passthrough.upstream_cx_total'), 3);
});

test('DROP_ALL: the same connections are refused, mesh traffic still flows', async () => {
  await startEnvoy('DROP_ALL');
  // TLS bytes are not HTTP: the egress connection manager answers 400 and closes at once.
  const refused = tcp(4443, TLS_HELLO);
  assert.match(refused, /^(error:\w+|HTTP\/1\.1 400 Bad Request[\s\S]*)$/);
  // A server-first protocol never reaches its server: Envoy waits for an HTTP request that never comes.
  assert.equal(tcp(2525, '-', STUCK_MS), 'error:TIMEOUT');
  // The excluded UID is not redirected: it reaches the outside server directly, even under DROP_ALL.
  assert.equal(pair.a.run(...asUser(IGNORED_UID, IGNORED_UID, p.node, [p.roles, 'tcp', NET.outside, '4443', 'direct'])), 'outside:direct');
  assert.equal(stats().get('cluster.cds_egress_shop_passthrough.upstream_cx_total'), undefined, 'DROP_ALL has no passthrough cluster');
  assert.equal(run(['get', `http://127.0.0.1:${APP_PORT}/tcp`]), 'db:ping');
});
