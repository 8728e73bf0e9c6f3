// Proof with a real Envoy on the downloaded ADS bootstrap: its stat flushes and gRPC access log reach
// meshwright, and the traffic API's counts and split agree with Envoy's own admin /stats; a node that
// fails gets ejected by its caller's outlier detection, and the API shows it in the node's health.
import assert from 'node:assert/strict';
import { request, Agent } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { UpdateVirtualNodeCommand } from '@aws-sdk/client-app-mesh';
import type { TrafficEdge } from '@meshwright/model';
import { nodeSpec } from '../../../../testkit/appmesh-specs';
import type { RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { collectSse } from '../../../../testkit/sse';
import { FRONT, MESH, SERVICE } from '../../../../testkit/xds/color-mesh';
import { startColorProof, type ColorProof } from '../../../../testkit/xds/color-proof';
import type { ControlPlane } from '../../../../testkit/xds/control-plane';
import { meshTraffic, startTrafficControlPlane, startTrafficEnvoy } from '../../../../testkit/xds/traffic';
import type { AccessLogLine } from './access-log-store';

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function send(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: SERVICE }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function sendMany(port: number, path: string, n: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: 16 }, async () => {
    while (next++ < n) await send(port, path);
  }));
}

/** One of Envoy's own counters or gauges by exact name (0 when Envoy has not made it). */
async function adminStat(adminPort: number, name: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${adminPort}/stats?filter=${encodeURIComponent(`^${name.replaceAll('.', '\\.')}$`)}`);
  const m = /: (\d+)$/m.exec(await res.text());
  return m ? Number(m[1]) : 0;
}

/** Envoy's own counters: `cluster.<name>.upstream_rq_total` and `_5xx` per egress cluster. */
async function adminCounters(adminPort: number): Promise<Map<string, { total: number; errors: number }>> {
  const res = await fetch(`http://127.0.0.1:${adminPort}/stats?filter=${encodeURIComponent('^cluster\\.cds_egress_[^.]*\\.upstream_rq_(total|5xx)$')}`);
  const out = new Map<string, { total: number; errors: number }>();
  for (const m of (await res.text()).matchAll(/^cluster\.([^.\s]+)\.upstream_rq_(total|5xx): (\d+)$/gm)) {
    const c = out.get(m[1] ?? '') ?? { total: 0, errors: 0 };
    if (m[2] === 'total') c.total = Number(m[3]);
    else c.errors = Number(m[3]);
    out.set(m[1] ?? '', c);
  }
  return out;
}

describe('traffic from a real Envoy', () => {
  let proof: ColorProof;
  let cp: ControlPlane;
  let envoy: RunningEnvoy;
  const answer = () => meshTraffic(cp);
  const edges = async (): Promise<TrafficEdge[]> => (await answer()).edges;

  before(async () => {
    // green fails what is sent to /fail with a 503, so errors show on its edge only.
    proof = await startColorProof(startTrafficControlPlane, { blue: 80, green: 20 }, (path) => ({ status: path.startsWith('/fail') ? 503 : 200 }));
    ({ cp } = proof);
    const { green } = proof;
    // front's Envoy ejects green after 20 5xx in a row (and keeps it out for a minute).
    const base = nodeSpec('127.0.0.1', green.port);
    const outlierDetection = { maxServerErrors: 20, interval: { value: 1, unit: 's' as const }, baseEjectionDuration: { value: 60, unit: 's' as const }, maxEjectionPercent: 100 };
    await cp.client.send(new UpdateVirtualNodeCommand({ meshName: MESH, virtualNodeName: 'green', spec: { ...base, listeners: (base.listeners ?? []).map((l) => ({ ...l, outlierDetection })) } }));
    const started = await startTrafficEnvoy(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/envoy-config`);
    envoy = started.envoy;
    assert.equal(started.downloadedFlushInterval, '10s', 'the download flushes every 10 s');
    await eventually('Envoy routes', () => send(cp.egressPort, '/warm').catch(() => 0), (s) => s === 200);
  });
  after(async () => {
    agent.destroy();
    await proof?.close(envoy);
  });

  it('2,000 requests split 80/20: the API counts them exactly and its split is within 3 points of Envoy\'s', async () => {
    await sendMany(cp.egressPort, '/split', 2000);
    const admin = await adminCounters(envoy.adminPort);
    const envoyTotal = [...admin.values()].reduce((s, c) => s + c.total, 0);
    assert.ok(envoyTotal >= 2001, `Envoy counted ${envoyTotal}`);
    const got = await eventually('the API has every request Envoy counted', edges, (es) => es.reduce((s, e) => s + e.requests, 0) === envoyTotal);
    for (const e of got) {
      assert.equal(e.source.name, FRONT);
      assert.equal(e.service, SERVICE);
      assert.equal(e.route, 'colors/split');
      const cluster = [...admin.keys()].find((k) => k.includes(`_${e.target.name}_http_`)) ?? '';
      assert.equal(e.requests, admin.get(cluster)?.total, `${e.target.name} exact`);
      const envoyShare = ((admin.get(cluster)?.total ?? 0) / envoyTotal) * 100;
      assert.ok(Math.abs((e.measuredShare ?? -1) * 100 - envoyShare) <= 3, `${e.target.name}: ${e.measuredShare} vs ${envoyShare}`);
      assert.equal(e.configuredWeight, e.target.name === 'blue' ? 80 : 20);
      assert.ok(e.latencyMs.p99 !== null, 'latency from the histogram');
      assert.equal(e.attribution, 'exact');
    }
    // The route's own stats (compile's Route.stat_prefix) count every request of the route, once.
    const routeTotal = await adminStat(envoy.adminPort, `vhost.${SERVICE}.route.route_colors__split.upstream_rq_total`);
    assert.equal(routeTotal, envoyTotal, "Envoy's route counter agrees with its clusters'");
    const routePoints = async () => {
      const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualRouters/colors/routes/split/traffic?window=15m`);
      assert.equal(res.status, 200);
      return ((await res.json()) as { points: { requests: number }[] }).points.reduce((s, p) => s + p.requests, 0);
    };
    await eventually("the route's chart has every request", routePoints, (n) => n === routeTotal);
    const blue = got.find((e) => e.target.name === 'blue');
    assert.ok(blue && blue.measuredShare !== null && blue.measuredShare > 0.75 && blue.measuredShare < 0.85, JSON.stringify(blue));
  });

  it('a failing upstream shows as 5xx on its own edge, and the access log has the requests with status and path', async () => {
    const controller = new AbortController();
    const stream = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/access-log/stream?status=5xx`, { signal: controller.signal });
    assert.equal(stream.status, 200);
    const streamed = collectSse<AccessLogLine>(stream);
    await sendMany(cp.egressPort, '/fail', 200);
    const admin = await adminCounters(envoy.adminPort);
    const greenCluster = [...admin.keys()].find((k) => k.includes('_green_http_')) ?? '';
    const greenErrors = admin.get(greenCluster)?.errors ?? 0;
    assert.ok(greenErrors > 0, 'green answered 503s');
    const got = await eventually('5xx on the green edge', edges, (es) => es.find((e) => e.target.name === 'green')?.status['5xx'] === greenErrors);
    assert.equal(got.find((e) => e.target.name === 'blue')?.status['5xx'], 0);

    const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/${FRONT}/access-log?limit=1000&status=5xx`);
    assert.equal(res.status, 200);
    const { lines } = (await res.json()) as { lines: AccessLogLine[] };
    const failed = await eventually('the 503s in the access log', async () => lines, (l) => l.length > 0);
    assert.ok(failed.every((l) => l.status === 503 && l.path === '/fail'), JSON.stringify(failed.slice(0, 2)));
    const live = await eventually('the stream sent 503 lines', async () => streamed, (l) => l.length > 0);
    assert.ok(live.every((l) => l.event === 'line' && l.data.status === 503 && l.data.path === '/fail'));
    controller.abort();
  });

  it("the failing node is ejected by front's outlier detection, and its health says so with Envoy's count", async () => {
    const cluster = [...(await adminCounters(envoy.adminPort)).keys()].find((k) => k.includes('_green_http_')) ?? '';
    const enforced = await eventually('Envoy ejected green', () => adminStat(envoy.adminPort, `cluster.${cluster}.outlier_detection.ejections_enforced_total`), (n) => n > 0);
    const health = await eventually('the API shows the ejection', answer, (a) => a.proxies.find((p) => p.proxy.name === 'green')?.ejections === enforced);
    const green = health.proxies.find((p) => p.proxy.name === 'green');
    assert.equal(green?.ejectionsActive, await adminStat(envoy.adminPort, `cluster.${cluster}.outlier_detection.ejections_active`));
    assert.ok(green?.state === 'degraded' || green?.state === 'unhealthy', JSON.stringify(green));
    const blue = health.proxies.find((p) => p.proxy.name === 'blue');
    assert.equal(blue?.state, 'healthy', JSON.stringify(blue));
    assert.equal(blue?.ejections, 0);
  });

  it('refuses a bad window and an unknown node with clear errors', async () => {
    const bad = await apiRequest(cp, `/api/meshes/${MESH}/traffic?window=2h`);
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { message: string }).message, /window/);
    const missing = await apiRequest(cp, `/api/meshes/${MESH}/virtualNodes/nope/access-log`);
    assert.equal(missing.status, 404);
  });
});
