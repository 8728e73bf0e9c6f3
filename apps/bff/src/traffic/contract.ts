// The traffic endpoints' shapes (OpenAPI is generated from them; console/contract.ts re-exports them).
import { z } from 'zod';
import { oneOf, type GatewayRouteTraffic, type ProxyHealth, type TrafficEdge } from '@meshwright/model';
import type { AccessLogLine } from './access-log-store';

export const trafficWindows = { '60s': 60_000, '5m': 300_000, '15m': 900_000 } as const;
export const trafficQuery = z.object({ window: oneOf(['60s', '5m', '15m'] as const).default('5m') });

const proxyRef = z.object({ kind: z.enum(['virtualNode', 'virtualGateway']), name: z.string() });
const count = z.number().int().nonnegative();
const ms = z.number().nullable();
const statusCounts = z.object({ '2xx': count, '3xx': count, '4xx': count, '5xx': count });
const latency = z.object({ p50: ms, p90: ms, p99: ms }).describe("From Envoy's upstream_rq_time histogram buckets");

export const trafficEdgeSchema = z.object({
  source: proxyRef.describe('The calling proxy: a virtual node or a virtual gateway'),
  service: z.string().nullable().describe('The backend virtual service; null when no service of the mesh leads to the target'),
  route: z.string().nullable().describe('<router>/<route>; null for a service provided by a node directly'),
  gatewayRoute: z.string().nullable().describe('For a gateway source: <gateway>/<gatewayRoute> when exactly one of its gateway routes leads to the service'),
  target: z.object({ kind: z.literal('virtualNode'), name: z.string() }),
  requests: count.describe("Every request Envoy sent on this edge within the window (sum of its counters' deltas)"),
  rps: z.number(),
  status: statusCounts,
  latencyMs: latency,
  configuredWeight: z.number().nullable().describe("The route's weight for this target, as a percentage of the route's weights"),
  measuredShare: z.number().nullable().describe("This target's share (0..1) of the caller's requests on the route"),
  attribution: z.enum(['exact', 'estimated']).describe("estimated: the caller reaches the target through several routes and their own stats cannot tell the split (it is then by configured weight; latency is the cluster's)"),
});
export const gatewayRouteTrafficSchema = z.object({
  source: z.object({ kind: z.literal('virtualGateway'), name: z.string() }),
  gatewayRoute: z.string().describe('<gateway>/<gatewayRoute>'),
  service: z.string().describe('The virtual service the gateway route targets'),
  requests: count.describe("Every request the gateway route matched within the window (its Envoy routes' own stats)"),
  rps: z.number(),
  status: statusCounts,
  latencyMs: latency,
});
export const proxyHealthSchema = z.object({
  proxy: proxyRef,
  state: z.enum(['healthy', 'degraded', 'unhealthy', 'unknown']),
  ejectionsActive: count.describe("Endpoints its callers' outlier detection holds ejected now"),
  ejections: count.describe('Ejections enforced within the window'),
  healthCheckFailures: count.describe('Failed health checks within the window'),
  healthyEndpoints: z.number().int().nullable().describe('As the caller seeing the fewest healthy sees them'),
  endpoints: z.number().int().nullable(),
  downstream: z.object({ requests: count, status: statusCounts }).nullable().describe("What reached the proxy's own ingress listeners"),
});
export const trafficSchema = z.object({
  window: z.enum(['60s', '5m', '15m']),
  edges: z.array(trafficEdgeSchema),
  gatewayRoutes: z.array(gatewayRouteTrafficSchema),
  proxies: z.array(proxyHealthSchema).describe('Health of every proxy any stat spoke of'),
});

/** A node's, a gateway's or a route's chart points. */
export const nodeTrafficSchema = z.object({
  window: z.enum(['60s', '5m', '15m']),
  points: z.array(z.object({ t: z.number().describe('Slot start, ms since the epoch (10 s slots)'), requests: count, errors: count.describe('5xx'), p99Ms: ms })),
});

export const routeTrafficParams = z.object({ mesh: z.string(), router: z.string(), route: z.string() });

export const accessLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  status: z.string().regex(/^([1-5]xx|[1-5]\d\d)$/, 'a status class such as 5xx or a code such as 503').optional(),
});

export const accessLogLineSchema = z.object({
  time: z.string(),
  method: z.string(),
  authority: z.string(),
  path: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  upstreamCluster: z.string(),
});
export const accessLogSchema = z.object({ lines: z.array(accessLogLineSchema).describe('Newest first') });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <T extends true>(): T | undefined => undefined;
agree<Same<z.infer<typeof trafficEdgeSchema>, TrafficEdge>>();
agree<Same<z.infer<typeof gatewayRouteTrafficSchema>, GatewayRouteTraffic>>();
agree<Same<z.infer<typeof proxyHealthSchema>, ProxyHealth>>();
agree<Same<z.infer<typeof accessLogLineSchema>, AccessLogLine>>();
