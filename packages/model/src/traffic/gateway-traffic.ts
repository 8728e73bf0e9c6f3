// Each gateway route's requests, from the gateway listener's per-route stats: compile gives a
// gateway route's Envoy routes the stat prefix gatewayRouteStatPrefix(name) in every virtual host
// they stand in (ADS only), so the sum over the gateway's virtual hosts is the route's count.
import type { MeshModel } from '../input/mesh-model';
import { addBuckets, type Bucket } from './quantiles';
import { latencyMs, ratePerSecond, type LatencyMs, type ProxyRef, type ScopeTraffic } from './scope-traffic';
import { gatewayRouteStatPrefix, routeScope, statusClasses, type StatusClass } from './stat-names';

export interface GatewayRouteTraffic {
  source: ProxyRef & { kind: 'virtualGateway' };
  /** `<gateway>/<gatewayRoute>`. */
  gatewayRoute: string;
  /** The virtual service the gateway route targets. */
  service: string;
  requests: number;
  rps: number;
  status: Record<StatusClass, number>;
  latencyMs: LatencyMs;
}

export function gatewayRouteTraffic(model: MeshModel, scopes: readonly ScopeTraffic[], windowSeconds: number): GatewayRouteTraffic[] {
  const out: GatewayRouteTraffic[] = [];
  for (const r of model.gatewayRoutes) {
    const prefix = gatewayRouteStatPrefix(r.gatewayRouteName);
    const mine = scopes.filter((s) => s.source.kind === 'virtualGateway' && s.source.name === r.virtualGatewayName && routeScope(s.scope)?.statPrefix === prefix);
    const requests = mine.reduce((n, s) => n + s.requests, 0);
    if (requests === 0) continue;
    const status = Object.fromEntries(statusClasses.map((c) => [c, mine.reduce((n, s) => n + s.status[c], 0)])) as Record<StatusClass, number>;
    const latency = mine.reduce((b, s) => addBuckets(b, s.latency), [] as Bucket[]);
    const spec = r.spec.httpRoute ?? r.spec.http2Route ?? r.spec.grpcRoute;
    out.push({
      source: { kind: 'virtualGateway', name: r.virtualGatewayName },
      gatewayRoute: `${r.virtualGatewayName}/${r.gatewayRouteName}`,
      service: spec?.action.target.virtualService.virtualServiceName ?? '',
      requests,
      rps: ratePerSecond(requests, windowSeconds),
      status,
      latencyMs: latencyMs(latency),
    });
  }
  return out;
}
