// Which route a caller's requests to a node took, when several of its routes reach that node. Envoy
// counts per cluster (one per target node), so a cluster shared by two routes says only their sum;
// compile gives each egress route its own stats (Route.stat_prefix, ADS only), and those route
// totals, with the cluster totals, fix the split: each route's total is the sum of its targets'
// shares, each cluster's total the sum of its routes'. Solved one unknown at a time; what stays
// undetermined (or does not add up, as with retries, which clusters count per attempt) is split by
// the configured weights and marked estimated. Latency stays the cluster's: histograms do not split.
import type { MeshModel } from '../input/mesh-model';
import type { Bucket } from './quantiles';
import { isClusterScope, type ScopeTraffic } from './scope-traffic';
import { routeScope, routeStatPrefix, statusClasses, type StatusClass } from './stat-names';

/** A service, and the route of its router, through which a caller reaches a node. */
export interface Candidate {
  service: string;
  router: string | null;
  route: string | null;
  configuredWeight: number | null;
}

export interface ClusterAttribution {
  traffic: ScopeTraffic;
  target: string;
  candidates: Candidate[];
}

export interface AttributedPart {
  traffic: ScopeTraffic;
  target: string;
  candidate: Candidate | undefined;
  requests: number;
  status: Record<StatusClass, number>;
  latency: Bucket[];
  exact: boolean;
}

type Metric = 'requests' | StatusClass;
const metrics: readonly Metric[] = ['requests', ...statusClasses];
const valueOf = (t: { requests: number; status: Record<StatusClass, number> }, m: Metric) => (m === 'requests' ? t.requests : t.status[m]);

interface RouteTotal {
  /** undefined when the virtual host does not name the service (a gateway's egress has one for all). */
  service: string | undefined;
  router: string;
  route: string;
  totals: Record<Metric, number>;
}

/** The caller's route stats, by route (and service when the virtual host names it). */
function routeTotals(model: MeshModel, own: readonly ScopeTraffic[]): RouteTotal[] {
  const byPrefix = new Map<string, { router: string; route: string }[]>();
  for (const r of model.routes) {
    const p = routeStatPrefix(r.virtualRouterName, r.routeName);
    byPrefix.set(p, [...(byPrefix.get(p) ?? []), { router: r.virtualRouterName, route: r.routeName }]);
  }
  const services = new Set(model.virtualServices.map((s) => s.virtualServiceName));
  const out = new Map<string, RouteTotal>();
  for (const s of own) {
    const rs = routeScope(s.scope);
    const named = rs ? byPrefix.get(rs.statPrefix) : undefined;
    if (!rs || !named || named.length !== 1 || !named[0]) continue;
    const host = rs.virtualHost.replace(/:\d+$/, '');
    const service = services.has(host) ? host : undefined;
    const key = `${service ?? ''}|${named[0].router}/${named[0].route}`;
    const t = out.get(key) ?? { service, ...named[0], totals: { requests: 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 } };
    for (const m of metrics) t.totals[m] += valueOf(s, m);
    out.set(key, t);
  }
  return [...out.values()];
}

interface Variable {
  cluster: number;
  candidate: Candidate | undefined;
  value: Partial<Record<Metric, number>>;
}

/** Splits each cluster's counters over the routes that reach its node; one part per cluster and route. */
export function splitSharedClusters(model: MeshModel, clusters: readonly ClusterAttribution[], own: readonly ScopeTraffic[]): AttributedPart[] {
  if (!clusters.some((c) => c.candidates.length > 1)) {
    return clusters.map((c) => ({ traffic: c.traffic, target: c.target, candidate: c.candidates[0], requests: c.traffic.requests, status: c.traffic.status, latency: c.traffic.latency, exact: true }));
  }
  const vars: Variable[] = clusters.flatMap((c, i) => {
    if (c.candidates.length <= 1) return [{ cluster: i, candidate: c.candidates[0], value: Object.fromEntries(metrics.map((m) => [m, valueOf(c.traffic, m)])) }];
    return c.candidates.map((candidate) => ({ cluster: i, candidate, value: {} }));
  });
  const constraints: { members: Variable[]; total: (m: Metric) => number }[] = clusters.map((c, i) => ({ members: vars.filter((v) => v.cluster === i), total: (m) => valueOf(c.traffic, m) }));
  for (const r of routeTotals(model, own.filter((s) => !isClusterScope(s.scope)))) {
    const members = vars.filter((v) => v.candidate?.router === r.router && v.candidate.route === r.route && (r.service === undefined || v.candidate.service === r.service));
    constraints.push({ members, total: (m) => r.totals[m] });
  }
  let consistent = true;
  for (const m of metrics) {
    for (let progress = true; progress; ) {
      progress = false;
      for (const c of constraints) {
        const unknown = c.members.filter((v) => v.value[m] === undefined);
        if (unknown.length !== 1 || !unknown[0]) continue;
        const rest = c.total(m) - c.members.reduce((s, v) => s + (v.value[m] ?? 0), 0);
        if (rest < 0) consistent = false;
        unknown[0].value[m] = Math.max(0, rest);
        progress = true;
      }
    }
  }
  const parts: AttributedPart[] = [];
  clusters.forEach((c, i) => {
    const mine = vars.filter((v) => v.cluster === i);
    const exact = consistent && mine.every((v) => metrics.every((m) => v.value[m] !== undefined));
    for (const m of metrics) {
      const unknown = mine.filter((v) => v.value[m] === undefined);
      if (unknown.length === 0) continue;
      const rest = Math.max(0, valueOf(c.traffic, m) - mine.reduce((s, v) => s + (v.value[m] ?? 0), 0));
      const weights = unknown.map((v) => v.candidate?.configuredWeight ?? 1);
      const sum = weights.reduce((s, w) => s + w, 0);
      // Whole requests: the remainder goes to the last unknown.
      let given = 0;
      unknown.forEach((v, j) => {
        const share = j === unknown.length - 1 ? rest - given : Math.round((rest * (weights[j] ?? 0)) / (sum || 1));
        v.value[m] = share;
        given += share;
      });
    }
    for (const v of mine) {
      parts.push({
        traffic: c.traffic,
        target: c.target,
        candidate: v.candidate,
        requests: v.value.requests ?? 0,
        status: Object.fromEntries(statusClasses.map((s) => [s, v.value[s] ?? 0])) as Record<StatusClass, number>,
        latency: c.traffic.latency,
        exact: mine.length === 1 || exact,
      });
    }
  });
  return parts;
}
