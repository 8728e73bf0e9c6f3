// Proof with a real Envoy on a virtual gateway's downloaded ADS bootstrap: the gateway route's own
// stats reach meshwright, the traffic API counts its requests exactly (as Envoy's admin /stats does),
// the gateway is the source of the edges to the nodes behind the service, and its access log (API
// and SSE) has each request once, with status and path.
import assert from 'node:assert/strict';
import { request, Agent } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { CreateGatewayRouteCommand, CreateVirtualGatewayCommand } from '@aws-sdk/client-app-mesh';
import type { AccessLogLine } from '@meshwright/model';
import { gatewayRouteSpec, gatewaySpec } from '../../../../testkit/appmesh-specs';
import type { RunningEnvoy } from '../../../../testkit/envoy';
import { eventually } from '../../../../testkit/eventually';
import { apiRequest } from '../../../../testkit/http';
import { collectSse } from '../../../../testkit/sse';
import { freePort } from '../../../../testkit/ports';
import { MESH, SERVICE } from '../../../../testkit/xds/color-mesh';
import { startColorProof, type ColorProof } from '../../../../testkit/xds/color-proof';
import type { ControlPlane } from '../../../../testkit/xds/control-plane';
import { meshTraffic, startTrafficControlPlane, startTrafficEnvoy } from '../../../../testkit/xds/traffic';

const GATEWAY = 'edge';
const agent = new Agent({ keepAlive: true, maxSockets: 8 });

function send(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: 'shop.example.com' }, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The sum of Envoy's own counters whose names match `pattern` (a regex over /stats lines). */
async function adminSum(adminPort: number, pattern: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${adminPort}/stats?filter=${encodeURIComponent(pattern)}`);
  return [...(await res.text()).matchAll(/: (\d+)$/gm)].reduce((s, m) => s + Number(m[1]), 0);
}

describe('gateway traffic from a real Envoy', () => {
  let proof: ColorProof;
  let cp: ControlPlane;
  let envoy: RunningEnvoy;
  let listenerPort: number;
  const answer = () => meshTraffic(cp);

  before(async () => {
    proof = await startColorProof(startTrafficControlPlane, { blue: 50, green: 50 });
    ({ cp } = proof);
    listenerPort = await freePort();
    await cp.client.send(new CreateVirtualGatewayCommand({ meshName: MESH, virtualGatewayName: GATEWAY, spec: gatewaySpec(listenerPort) }));
    await cp.client.send(new CreateGatewayRouteCommand({ meshName: MESH, virtualGatewayName: GATEWAY, gatewayRouteName: 'to-colors', spec: gatewayRouteSpec(SERVICE, '/shop') }));
    ({ envoy } = await startTrafficEnvoy(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/envoy-config`));
    await eventually('the gateway routes', () => send(listenerPort, '/shop/warm').catch(() => 0), (s) => s === 200);
  });
  after(async () => {
    agent.destroy();
    await proof?.close(envoy);
  });

  it("counts the gateway route's requests exactly, and its access log has each once", async () => {
    const controller = new AbortController();
    const stream = await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/access-log/stream`, { signal: controller.signal });
    assert.equal(stream.status, 200);
    const streamed = collectSse<AccessLogLine>(stream);
    for (let i = 0; i < 300; i += 10) await Promise.all(Array.from({ length: 10 }, (_, j) => send(listenerPort, `/shop/item/${i + j}`)));

    const envoyCount = await adminSum(envoy.adminPort, '^vhost\\..*\\.route\\.gateway_route_to-colors\\.upstream_rq_total$');
    assert.ok(envoyCount >= 301, `Envoy counted ${envoyCount} on the gateway route`);
    const got = await eventually('the API has every request of the gateway route', answer, (a) => a.gatewayRoutes.find((r) => r.gatewayRoute === `${GATEWAY}/to-colors`)?.requests === envoyCount);
    const route = got.gatewayRoutes.find((r) => r.gatewayRoute === `${GATEWAY}/to-colors`);
    assert.equal(route?.service, SERVICE);
    assert.equal(route?.status['2xx'], envoyCount);
    assert.deepEqual(route?.source, { kind: 'virtualGateway', name: GATEWAY });

    // The gateway is the source of the edges behind the service, each naming its gateway route.
    const egress = await eventually('edges from the gateway', answer, (a) => a.edges.filter((e) => e.source.kind === 'virtualGateway').reduce((s, e) => s + e.requests, 0) === envoyCount);
    const fromGateway = egress.edges.filter((e) => e.source.kind === 'virtualGateway');
    assert.deepEqual(fromGateway.map((e) => e.target.name).sort(), ['blue', 'green']);
    assert.ok(fromGateway.every((e) => e.gatewayRoute === `${GATEWAY}/to-colors` && e.route === 'colors/split' && e.service === SERVICE), JSON.stringify(fromGateway));

    const res = await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/access-log?limit=1000`);
    assert.equal(res.status, 200);
    const logged = await eventually('every request in the access log', async () => ((await (await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/${GATEWAY}/access-log?limit=1000`)).json()) as { lines: AccessLogLine[] }).lines, (l) => l.length >= 301);
    assert.equal(logged.length, envoyCount, 'one line per request: the loopback hop logs nothing');
    assert.ok(logged.some((l) => l.path === '/shop/item/299' && l.status === 200));
    const live = await eventually('the stream sent the lines', async () => streamed, (l) => l.length >= 300);
    assert.ok(live.some((l) => l.event === 'line' && l.data.path === '/shop/item/0'));
    controller.abort();
  });

  it('refuses an unknown gateway with a clear error', async () => {
    const missing = await apiRequest(cp, `/api/meshes/${MESH}/virtualGateways/nope/access-log`);
    assert.equal(missing.status, 404);
    assert.match(((await missing.json()) as { message: string }).message, /virtual gateway nope does not exist/);
  });
});
