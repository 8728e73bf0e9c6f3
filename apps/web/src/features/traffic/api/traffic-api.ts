// The traffic endpoints (apps/bff/src/traffic/router.ts), polled at the stat flush interval.
import { useQuery } from '@tanstack/react-query';
import type { AccessLogLine, TrafficEdge } from '@meshwright/model';
import { apiRequest, seg } from '../../../lib/api-client';

export type TrafficWindow = '60s' | '5m' | '15m';
export interface NodePoint {
  t: number;
  requests: number;
  errors: number;
  p99Ms: number | null;
}
export type { AccessLogLine };

/** Envoy flushes every 10 s; reading more often shows nothing new. */
export const TRAFFIC_POLL_MS = 10_000;

export function useMeshTraffic(mesh: string, window: TrafficWindow = '5m') {
  return useQuery({
    queryKey: ['meshes', mesh, 'traffic', window],
    queryFn: ({ signal }) => apiRequest<{ window: TrafficWindow; edges: TrafficEdge[] }>(`/api/meshes/${seg(mesh)}/traffic?window=${window}`, { signal }),
    refetchInterval: TRAFFIC_POLL_MS,
  });
}

export function useNodeTraffic(mesh: string, node: string, window: TrafficWindow) {
  return useQuery({
    queryKey: ['meshes', mesh, 'virtualNodes', node, 'traffic', window],
    queryFn: ({ signal }) => apiRequest<{ points: NodePoint[] }>(`/api/meshes/${seg(mesh)}/virtualNodes/${seg(node)}/traffic?window=${window}`, { signal }),
    refetchInterval: TRAFFIC_POLL_MS,
  });
}

export const fetchAccessLog = (mesh: string, node: string, signal?: AbortSignal) =>
  apiRequest<{ lines: AccessLogLine[] }>(`/api/meshes/${seg(mesh)}/virtualNodes/${seg(node)}/access-log?limit=200`, signal ? { signal } : {});

export const accessLogStreamUrl = (mesh: string, node: string) => `/api/meshes/${seg(mesh)}/virtualNodes/${seg(node)}/access-log/stream`;

/** "80% configured · 79.4% measured" for a route target; measured only once traffic was seen. */
export function shareLabel(configuredPercent: number, edge: TrafficEdge | undefined): string {
  const configured = `${Math.round(configuredPercent * 10) / 10}% configured`;
  return edge?.measuredShare == null ? `${configured} · no traffic yet` : `${configured} · ${Math.round(edge.measuredShare * 1000) / 10}% measured`;
}
