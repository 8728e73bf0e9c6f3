// ALLOW_ALL, active health checks, HTTP/2 upstreams and the ingress listener, on a real Envoy.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createH2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { MeshModel } from '@meshwright/model';
import { runProxy, type ProxyRun } from '../../../../testkit/static-proxy';
import { closeClientConnections, dnsServer, httpUpstream, viaEgress, type Upstream } from '../../../../testkit/upstreams';

const POOL_HOST = 'pool.mw.test';

/** `app` calls `pool` (one DNS name, two addresses, one unhealthy) and `h2` (an HTTP/2 node). */
function mesh(poolPort: number, h2Port: number, appPort: number): MeshModel {
  return {
    mesh: { meshName: 'edge', spec: { egressFilter: { type: 'ALLOW_ALL' } } },
    virtualNodes: [
      {
        virtualNodeName: 'app',
        spec: {
          serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
          listeners: [{ portMapping: { port: appPort, protocol: 'http' }, timeout: { http: { perRequest: { unit: 's', value: 5 } } } }],
          backends: [{ virtualService: { virtualServiceName: 'pool.edge.local' } }, { virtualService: { virtualServiceName: 'h2.edge.local' } }],
        },
      },
      {
        virtualNodeName: 'pool',
        spec: {
          serviceDiscovery: { dns: { hostname: POOL_HOST, responseType: 'ENDPOINTS', ipPreference: 'IPv4_ONLY' } },
          listeners: [
            {
              portMapping: { port: poolPort, protocol: 'http' },
              healthCheck: { protocol: 'http', path: '/health', healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000 },
            },
          ],
        },
      },
      { virtualNodeName: 'h2', spec: { serviceDiscovery: { dns: { hostname: '127.0.0.1' } }, listeners: [{ portMapping: { port: h2Port, protocol: 'http2' } }] } },
    ],
    virtualRouters: [],
    routes: [],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'pool.edge.local', spec: { provider: { virtualNode: { virtualNodeName: 'pool' } } } },
      { virtualServiceName: 'h2.edge.local', spec: { provider: { virtualNode: { virtualNodeName: 'h2' } } } },
    ],
  };
}

describe('app proxy of the edge mesh (ALLOW_ALL)', () => {
  let healthy: Upstream;
  let failing: Upstream;
  let app: Upstream;
  let outsider: Upstream;
  let dns: Awaited<ReturnType<typeof dnsServer>>;
  let h2: ReturnType<typeof createH2Server>;
  let proxy: ProxyRun;

  before(async () => {
    healthy = await httpUpstream('pool-healthy', { host: '127.0.0.1' });
    // Same port on another loopback address: one DNS name, two endpoints.
    failing = await httpUpstream('pool-failing', { host: '127.0.0.2', port: healthy.port, answer: (path) => (path === '/health' ? { status: 503 } : { status: 200 }) });
    app = await httpUpstream('app');
    outsider = await httpUpstream('outsider');
    dns = await dnsServer({ [POOL_HOST]: ['127.0.0.1', '127.0.0.2'] });
    h2 = createH2Server((req, res) => res.end(`h2 over HTTP/${req.httpVersion}`));
    h2.listen(0, '127.0.0.1');
    await once(h2, 'listening');
    const h2Port = (h2.address() as AddressInfo).port;
    proxy = await runProxy(mesh(healthy.port, h2Port, app.port), 'app', { dnsResolvers: [{ host: '127.0.0.1', port: dns.port }] });
  });

  after(async () => {
    closeClientConnections();
    await proxy?.envoy.stop();
    for (const u of [healthy, failing, app, outsider]) await u?.close();
    await dns?.close();
    h2?.close();
  });

  test('ALLOW_ALL passes an unknown host:port to that upstream', async () => {
    const reply = await viaEgress(proxy.ports.egress, `127.0.0.1:${outsider.port}`, '/outside');
    assert.equal(reply.status, 200);
    assert.equal(reply.body, 'outsider');
    assert.deepEqual(outsider.hits, ['/outside']);
  });

  test('a failing health check takes an upstream out of rotation', async () => {
    const clusters = await (await fetch(`http://127.0.0.1:${proxy.ports.admin}/clusters`)).text();
    const pool = clusters.split('\n').filter((l) => l.startsWith('cds_egress_edge_pool_http_'));
    assert.ok(pool.some((l) => l.includes(`127.0.0.2:${healthy.port}::health_flags::/failed_active_hc`)), pool.join('\n'));
    const bodies = new Set<string>();
    for (let i = 0; i < 40; i++) bodies.add((await viaEgress(proxy.ports.egress, 'pool.edge.local', `/r${i}`)).body);
    assert.deepEqual([...bodies], ['pool-healthy']);
    assert.deepEqual(failing.hits, []);
  });

  test('an http2 node is reached over HTTP/2 even when the app speaks HTTP/1.1', async () => {
    const reply = await viaEgress(proxy.ports.egress, 'h2.edge.local', '/');
    assert.equal(reply.body, 'h2 over HTTP/2.0');
  });

  test('the ingress listener forwards to the local app', async () => {
    const reply = await viaEgress(proxy.ports.ingress, 'anything', '/hello');
    assert.equal(reply.body, 'app');
    assert.deepEqual(app.hits, ['/hello']);
  });
});
