// The traffic endpoints (apps/bff/src/traffic/router.ts), polled at the stat flush interval.
import { useQuery } from '@tanstack/react-query';
import type { AccessLogLine, GatewayRouteTraffic, ProxyHealth, TrafficEdge } from '@meshwright/model';
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

export interface MeshTraffic {
  window: TrafficWindow;
  edges: TrafficEdge[];
  gatewayRoutes: GatewayRouteTraffic[];
  proxies: ProxyHealth[];
}

export function useMeshTraffic(mesh: string, window: TrafficWindow = '5m') {
  return useQuery({
    queryKey: ['meshes', mesh, 'traffic', window],
    queryFn: ({ signal }) => apiRequest<MeshTraffic>(`/api/meshes/${seg(mesh)}/traffic?window=${window}`, { signal }),
    refetchInterval: TRAFFIC_POLL_MS,
  });
}

/** Whose charts and access log: a virtual node's, a gateway's, or (charts only) a route's. */
export type TrafficSubject =
  | { kind: 'virtualNode' | 'virtualGateway'; name: string }
  | { kind: 'route'; router: string; name: string };

const subjectPath = (mesh: string, s: TrafficSubject) =>
  s.kind === 'route'
    ? `/api/meshes/${seg(mesh)}/virtualRouters/${seg(s.router)}/routes/${seg(s.name)}`
    : `/api/meshes/${seg(mesh)}/${s.kind === 'virtualNode' ? 'virtualNodes' : 'virtualGateways'}/${seg(s.name)}`;

export function useSubjectTraffic(mesh: string, subject: TrafficSubject, window: TrafficWindow) {
  return useQuery({
    queryKey: ['meshes', mesh, subject.kind, subject.kind === 'route' ? subject.router : '', subject.name, 'traffic', window],
    queryFn: ({ signal }) => apiRequest<{ points: NodePoint[] }>(`${subjectPath(mesh, subject)}/traffic?window=${window}`, { signal }),
    refetchInterval: TRAFFIC_POLL_MS,
  });
}

export type ProxySubject = Extract<TrafficSubject, { kind: 'virtualNode' | 'virtualGateway' }>;

export const fetchAccessLog = (mesh: string, proxy: ProxySubject, signal?: AbortSignal) =>
  apiRequest<{ lines: AccessLogLine[] }>(`${subjectPath(mesh, proxy)}/access-log?limit=200`, signal ? { signal } : {});

export const accessLogStreamUrl = (mesh: string, proxy: ProxySubject) => `${subjectPath(mesh, proxy)}/access-log/stream`;

/** "80% configured · 79.4% measured" for a route target; measured only once traffic was seen. */
export function shareLabel(configuredPercent: number, edge: TrafficEdge | undefined): string {
  const configured = `${Math.round(configuredPercent * 10) / 10}% configured`;
  return edge?.measuredShare == null ? `${configured} · no traffic yet` : `${configured} · ${Math.round(edge.measuredShare * 1000) / 10}% measured`;
}
