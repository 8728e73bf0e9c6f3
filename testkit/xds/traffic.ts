// Test support for the traffic proofs: a control plane with the traffic collectors on its xDS port and
// their endpoints under /api, and a real Envoy on a proxy's downloaded ADS bootstrap flushing every second.
import type { GatewayRouteTraffic, ProxyHealth, TrafficEdge } from '@meshwright/model';
import { parse, stringify } from 'yaml';
import { createTrafficRouter } from '../../apps/bff/src/traffic/router';
import { createTraffic } from '../../apps/bff/src/traffic/traffic';
import { startEnvoy, type RunningEnvoy } from '../envoy';
import { apiRequest } from '../http';
import { freePort } from '../ports';
import { MESH } from './color-mesh';
import { startControlPlane, type ControlPlane } from './control-plane';

export async function startTrafficControlPlane(): Promise<ControlPlane> {
  const traffic = createTraffic();
  const cp: ControlPlane = await startControlPlane({
    registerServices: traffic.registerServices,
    extraRoutes: (router) => router.use(createTrafficRouter(traffic, (m) => cp.store.loadMeshModel(m))),
  });
  return cp;
}

/**
 * Envoy on the ADS bootstrap `configPath` (an envoy-config endpoint) answers, on a free admin port,
 * flushing stats every second (the test's patience, not the product's default, which is answered).
 */
export async function startTrafficEnvoy(cp: Pick<ControlPlane, 'url'>, configPath: string): Promise<{ envoy: RunningEnvoy; downloadedFlushInterval: string }> {
  const res = await apiRequest(cp, `${configPath}?mode=ads&format=yaml`);
  if (res.status !== 200) throw new Error(`${configPath} answered ${res.status}: ${await res.text()}`);
  const bootstrap = parse(await res.text()) as { admin: { address: { socket_address: { port_value: number } } }; stats_flush_interval: string };
  const downloadedFlushInterval = bootstrap.stats_flush_interval;
  const adminPort = await freePort();
  bootstrap.admin.address.socket_address.port_value = adminPort;
  bootstrap.stats_flush_interval = '1s';
  return { envoy: await startEnvoy(stringify(bootstrap), adminPort), downloadedFlushInterval };
}

/** The colour mesh's traffic answer over the last 15 minutes (edges, gateway routes, proxy health). */
export async function meshTraffic(cp: Pick<ControlPlane, 'url'>): Promise<{ edges: TrafficEdge[]; gatewayRoutes: GatewayRouteTraffic[]; proxies: ProxyHealth[] }> {
  const res = await apiRequest(cp, `/api/meshes/${MESH}/traffic?window=15m`);
  if (res.status !== 200) throw new Error(`the traffic API answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { edges: TrafficEdge[]; gatewayRoutes: GatewayRouteTraffic[]; proxies: ProxyHealth[] };
}
