// Envoy's per-cluster stat names in the terms the traffic view needs. Mesh resource names have no
// dots (App Mesh allows letters, digits, hyphens and underscores), so a cluster name ends at the
// first dot after `cluster.`.

export type ClusterStat =
  | { kind: 'requests' }
  | { kind: 'status'; statusClass: StatusClass }
  | { kind: 'latency' }
  | { kind: 'healthCheckFailure' }
  | { kind: 'ejection' };

export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx';
export const statusClasses: readonly StatusClass[] = ['2xx', '3xx', '4xx', '5xx'];

const simple: Record<string, ClusterStat> = {
  upstream_rq_total: { kind: 'requests' },
  upstream_rq_time: { kind: 'latency' },
  'health_check.failure': { kind: 'healthCheckFailure' },
  'outlier_detection.ejections_enforced_total': { kind: 'ejection' },
  upstream_rq_2xx: { kind: 'status', statusClass: '2xx' },
  upstream_rq_3xx: { kind: 'status', statusClass: '3xx' },
  upstream_rq_4xx: { kind: 'status', statusClass: '4xx' },
  upstream_rq_5xx: { kind: 'status', statusClass: '5xx' },
};

/** `cluster.<name>.<stat>` for the stats the traffic view keeps; undefined for every other stat. */
export function parseClusterStat(statName: string): { cluster: string; stat: ClusterStat } | undefined {
  if (!statName.startsWith('cluster.')) return undefined;
  const rest = statName.slice('cluster.'.length);
  const dot = rest.indexOf('.');
  if (dot <= 0) return undefined;
  const stat = simple[rest.slice(dot + 1)];
  return stat ? { cluster: rest.slice(0, dot), stat } : undefined;
}
