// Test support for bench/topology.ts: a traffic API answer for a generated mesh, made the way the BFF
// makes one: per-caller egress cluster stats (with membership and ejection gauges) for every
// backend's targets, turned into edges and health by the model's own trafficEdges and proxyHealth.
import { egressClusterIndex, gatewayRouteTraffic, proxyHealth, trafficEdges, type MeshModel, type ScopeTraffic } from '@meshwright/model';
import type { MeshTrafficAnswer } from '../apps/web/src/features/topology/lib/traffic-overlay';

const WINDOW_SECONDS = 300;

/** Every node calls its backends' targets; every 7th target fails 8% of its requests and has an ejected endpoint. */
export function syntheticTraffic(model: MeshModel): MeshTrafficAnswer {
  const clusterOf = new Map([...egressClusterIndex(model)].map(([cluster, node]) => [node, cluster]));
  const targetsOf = (service: string): string[] => {
    const vs = model.virtualServices.find((s) => s.virtualServiceName === service);
    const node = vs?.spec.provider?.virtualNode?.virtualNodeName;
    if (node) return [node];
    const router = vs?.spec.provider?.virtualRouter?.virtualRouterName;
    return model.routes.filter((r) => r.virtualRouterName === router).flatMap((r) => r.spec.httpRoute?.action.weightedTargets.map((t) => t.virtualNode) ?? []);
  };
  const scopes: ScopeTraffic[] = [];
  model.virtualNodes.forEach((n, i) => {
    for (const b of n.spec.backends ?? []) {
      for (const [j, target] of targetsOf(b.virtualService?.virtualServiceName ?? '').entries()) {
        const cluster = clusterOf.get(target);
        if (!cluster) continue;
        const requests = 300 + ((i * 31 + j * 17) % 3000);
        const failing = (i + j) % 7 === 0;
        const errors = failing ? Math.round(requests * 0.08) : 0;
        scopes.push({
          source: { kind: 'virtualNode', name: n.virtualNodeName },
          scope: cluster,
          requests,
          status: { '2xx': requests - errors, '3xx': 0, '4xx': 0, '5xx': errors },
          latency: [{ upperBound: 1, cumulativeCount: requests * 0.5 }, { upperBound: 10, cumulativeCount: requests * 0.95 }, { upperBound: 100, cumulativeCount: requests }],
          healthCheckFailures: 0,
          ejections: failing ? 1 : 0,
          gauges: { ejectionsActive: failing ? 1 : 0, healthyEndpoints: 1, endpoints: 1 },
        });
      }
    }
  });
  return { edges: trafficEdges(model, scopes, WINDOW_SECONDS), gatewayRoutes: gatewayRouteTraffic(model, scopes, WINDOW_SECONDS), proxies: proxyHealth(model, scopes) };
}
