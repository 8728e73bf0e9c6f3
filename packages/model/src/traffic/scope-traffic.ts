// What one proxy's stats said about one scope within a window, as the window store sums it.
import type { Bucket } from './quantiles';
import { quantile } from './quantiles';
import type { GaugeName, StatusClass } from './stat-names';

export type ProxyRef = { kind: 'virtualNode' | 'virtualGateway'; name: string };

export interface ScopeTraffic {
  source: ProxyRef;
  /** A cluster's name, or a stat root with dots (`vhost.<vh>.route.<prefix>`, `http.<prefix>`): see stat-names. */
  scope: string;
  requests: number;
  status: Record<StatusClass, number>;
  latency: Bucket[];
  healthCheckFailures: number;
  ejections: number;
  /** The gauges' latest values, when flushed within the window. */
  gauges?: Partial<Record<GaugeName, number>>;
}

export type LatencyMs = { p50: number | null; p90: number | null; p99: number | null };

const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 10) / 10);

export function latencyMs(buckets: readonly Bucket[]): LatencyMs {
  return { p50: round(quantile(buckets, 0.5)), p90: round(quantile(buckets, 0.9)), p99: round(quantile(buckets, 0.99)) };
}

export const ratePerSecond = (requests: number, windowSeconds: number) => Math.round((requests / windowSeconds) * 100) / 100;

/** Cluster names have no dots; the other scopes do. */
export const isClusterScope = (scope: string) => !scope.includes('.');
