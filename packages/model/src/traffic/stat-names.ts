// Envoy's stat names in the terms the traffic view needs. Mesh resource names have no dots (App Mesh
// allows letters, digits, hyphens and underscores), so a cluster name ends at the first dot after
// `cluster.`. A stat's scope is the cluster's name, or, for the other stats kept, the stat's root as
// Envoy names it (`vhost.<virtual host>.route.<stat_prefix>`, `http.<stat_prefix>`), which has dots.

export type TrafficStat =
  | { kind: 'requests' }
  | { kind: 'status'; statusClass: StatusClass }
  | { kind: 'latency' }
  | { kind: 'healthCheckFailure' }
  | { kind: 'ejection' }
  /** Gauges: Envoy sends their current value, not a delta. */
  | { kind: 'gauge'; gauge: GaugeName };

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';
export const statusClasses: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];

export type GaugeName = 'ejectionsActive' | 'healthyEndpoints' | 'endpoints';

const requestStats: Record<string, TrafficStat> = {
  upstream_rq_total: { kind: 'requests' },
  upstream_rq_time: { kind: 'latency' },
  upstream_rq_2xx: { kind: 'status', statusClass: '2xx' },
  upstream_rq_3xx: { kind: 'status', statusClass: '3xx' },
  upstream_rq_4xx: { kind: 'status', statusClass: '4xx' },
  upstream_rq_5xx: { kind: 'status', statusClass: '5xx' },
};

const clusterStats: Record<string, TrafficStat> = {
  ...requestStats,
  'health_check.failure': { kind: 'healthCheckFailure' },
  'outlier_detection.ejections_enforced_total': { kind: 'ejection' },
  'outlier_detection.ejections_active': { kind: 'gauge', gauge: 'ejectionsActive' },
  membership_healthy: { kind: 'gauge', gauge: 'healthyEndpoints' },
  membership_total: { kind: 'gauge', gauge: 'endpoints' },
};

/** The connection manager's downstream counters: what reached the proxy's listener. */
const downstreamStats: Record<string, TrafficStat> = {
  downstream_rq_total: { kind: 'requests' },
  downstream_rq_2xx: { kind: 'status', statusClass: '2xx' },
  downstream_rq_3xx: { kind: 'status', statusClass: '3xx' },
  downstream_rq_4xx: { kind: 'status', statusClass: '4xx' },
  downstream_rq_5xx: { kind: 'status', statusClass: '5xx' },
};

/**
 * The last dot-separated segment of every stat name parseStat keeps (`upstream_rq_total`, `failure`):
 * a reader of a whole flush can pass over a name whose tail is not here without reading the rest.
 */
export const trafficStatTails: ReadonlySet<string> = new Set(
  [clusterStats, downstreamStats].flatMap((stats) => Object.keys(stats)).map((stat) => stat.slice(stat.lastIndexOf('.') + 1)),
);

/** A route's own stats (Route.stat_prefix): the stat prefix has no dots, the virtual host's name may. */
const ROUTE_STAT = /^(vhost\..+\.route\.[^.]+)\.([a-z0-9_]+)$/;
const DOWNSTREAM_STAT = /^(http\.[^.]+)\.([a-z0-9_]+)$/;

/** The scope and stat of a stat the view keeps; undefined for every other stat. */
export function parseStat(statName: string): { scope: string; stat: TrafficStat } | undefined {
  if (statName.startsWith('cluster.')) {
    const rest = statName.slice('cluster.'.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) return undefined;
    const stat = clusterStats[rest.slice(dot + 1)];
    return stat ? { scope: rest.slice(0, dot), stat } : undefined;
  }
  const route = ROUTE_STAT.exec(statName);
  if (route?.[1] && route[2]) {
    const stat = requestStats[route[2]];
    return stat ? { scope: route[1], stat } : undefined;
  }
  const downstream = DOWNSTREAM_STAT.exec(statName);
  if (downstream?.[1] && downstream[2]) {
    const stat = downstreamStats[downstream[2]];
    return stat ? { scope: downstream[1], stat } : undefined;
  }
  return undefined;
}

/** A route scope's virtual host and stat prefix; undefined for other scopes. */
export function routeScope(scope: string): { virtualHost: string; statPrefix: string } | undefined {
  if (!scope.startsWith('vhost.')) return undefined;
  const at = scope.lastIndexOf('.route.');
  if (at < 0) return undefined;
  return { virtualHost: scope.slice('vhost.'.length, at), statPrefix: scope.slice(at + '.route.'.length) };
}

/** A downstream scope's connection-manager stat prefix (`ingress_http_8080`); undefined for other scopes. */
export function downstreamScope(scope: string): string | undefined {
  return scope.startsWith('http.') ? scope.slice('http.'.length) : undefined;
}

/** The Route.stat_prefix compile gives a gateway route's Envoy routes (ADS only), so each counts on its own. */
export const gatewayRouteStatPrefix = (gatewayRoute: string) => `gateway_route_${gatewayRoute}`;
/**
 * The Route.stat_prefix of a route's Envoy route in a caller's (or a gateway's) egress (ADS only). Two
 * pairs of names can give the same prefix (`a_` + `b`, `a` + `_b`); the view then counts neither.
 */
export const routeStatPrefix = (router: string, route: string) => `route_${router}__${route}`;
