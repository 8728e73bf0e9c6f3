// A proxy's health as the stats show it: what its callers' Envoys see of it on their egress
// clusters to it (outlier ejections, failing health checks, healthy endpoints), and what reached its
// own listeners (the connection managers' downstream counters).
import type { MeshModel } from '../input/mesh-model';
import { egressClusterIndex } from './edges';
import { isClusterScope, type ProxyRef, type ScopeTraffic } from './scope-traffic';
import { downstreamScope, statusClasses, type StatusClass } from './stat-names';

export type HealthState = 'healthy' | 'degraded' | 'unhealthy' | 'unknown';

export interface ProxyHealth {
  proxy: ProxyRef;
  /** unhealthy: a caller sees no healthy endpoint; degraded: ejections or failed checks in the window, or some endpoints unhealthy. */
  state: HealthState;
  /** Endpoints ejected now, over every caller. */
  ejectionsActive: number;
  /** Ejections enforced within the window, over every caller. */
  ejections: number;
  /** Failed health checks within the window, over every caller. */
  healthCheckFailures: number;
  /** Healthy and all endpoints as the caller that sees the fewest healthy sees them; null when no caller reported. */
  healthyEndpoints: number | null;
  endpoints: number | null;
  /** Requests that reached the proxy's own ingress listeners; null when it reported none. */
  downstream: { requests: number; status: Record<StatusClass, number> } | null;
}

const key = (p: ProxyRef) => `${p.kind}/${p.name}`;

export function proxyHealth(model: MeshModel, scopes: readonly ScopeTraffic[]): ProxyHealth[] {
  const index = egressClusterIndex(model);
  const out = new Map<string, ProxyHealth>();
  const at = (proxy: ProxyRef) => {
    const found = out.get(key(proxy));
    if (found) return found;
    const h: ProxyHealth = { proxy, state: 'unknown', ejectionsActive: 0, ejections: 0, healthCheckFailures: 0, healthyEndpoints: null, endpoints: null, downstream: null };
    out.set(key(proxy), h);
    return h;
  };
  for (const s of scopes) {
    const target = isClusterScope(s.scope) ? index.get(s.scope) : undefined;
    if (target) {
      const h = at({ kind: 'virtualNode', name: target });
      h.ejectionsActive += s.gauges?.ejectionsActive ?? 0;
      h.ejections += s.ejections;
      h.healthCheckFailures += s.healthCheckFailures;
      const healthy = s.gauges?.healthyEndpoints;
      const all = s.gauges?.endpoints;
      if (healthy !== undefined && all !== undefined && all > 0) {
        const worse = h.healthyEndpoints === null || h.endpoints === null || healthy / all < h.healthyEndpoints / h.endpoints;
        if (worse) [h.healthyEndpoints, h.endpoints] = [healthy, all];
      }
      continue;
    }
    const prefix = downstreamScope(s.scope);
    if (prefix?.startsWith('ingress_') && s.requests > 0) {
      const h = at(s.source);
      const d = h.downstream ?? { requests: 0, status: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } };
      d.requests += s.requests;
      for (const c of statusClasses) d.status[c] += s.status[c];
      h.downstream = d;
    }
  }
  for (const h of out.values()) h.state = stateOf(h);
  return [...out.values()].sort((a, b) => key(a.proxy).localeCompare(key(b.proxy)));
}

function stateOf(h: ProxyHealth): HealthState {
  if (h.endpoints !== null && h.endpoints > 0 && h.healthyEndpoints === 0) return 'unhealthy';
  if (h.ejectionsActive > 0 || h.ejections > 0 || h.healthCheckFailures > 0) return 'degraded';
  if (h.endpoints !== null && h.healthyEndpoints !== null && h.healthyEndpoints < h.endpoints) return 'degraded';
  return h.endpoints !== null || h.downstream !== null ? 'healthy' : 'unknown';
}
