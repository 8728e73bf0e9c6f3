// The traffic endpoints' shapes (OpenAPI is generated from them; console/contract.ts re-exports them).
import { z } from 'zod';
import { oneOf, type TrafficEdge } from '@meshwright/model';
import type { AccessLogLine } from './access-log-store';

export const trafficWindows = { '60s': 60_000, '5m': 300_000, '15m': 900_000 } as const;
export const trafficQuery = z.object({ window: oneOf(['60s', '5m', '15m'] as const).default('5m') });

const proxyRef = z.object({ kind: z.enum(['virtualNode', 'virtualGateway']), name: z.string() });
const count = z.number().int().nonnegative();
const ms = z.number().nullable();

export const trafficEdgeSchema = z.object({
  source: proxyRef.describe('The calling proxy: a virtual node or a virtual gateway'),
  service: z.string().nullable().describe('The backend virtual service; null when no service of the mesh leads to the target'),
  route: z.string().nullable().describe('<router>/<route>; null for a service provided by a node directly'),
  target: z.object({ kind: z.literal('virtualNode'), name: z.string() }),
  requests: count.describe("Every request Envoy sent on this edge within the window (sum of its counters' deltas)"),
  rps: z.number(),
  status: z.object({ '2xx': count, '3xx': count, '4xx': count, '5xx': count }),
  latencyMs: z.object({ p50: ms, p90: ms, p99: ms }).describe("From Envoy's upstream_rq_time histogram buckets"),
  configuredWeight: z.number().nullable().describe("The route's weight for this target, as a percentage of the route's weights"),
  measuredShare: z.number().nullable().describe("This target's share (0..1) of the caller's requests on the route"),
});
export const trafficSchema = z.object({ window: z.enum(['60s', '5m', '15m']), edges: z.array(trafficEdgeSchema) });

export const nodeTrafficSchema = z.object({
  window: z.enum(['60s', '5m', '15m']),
  points: z.array(z.object({ t: z.number().describe('Slot start, ms since the epoch (10 s slots)'), requests: count, errors: count.describe('5xx'), p99Ms: ms })),
});

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
agree<Same<z.infer<typeof accessLogLineSchema>, AccessLogLine>>();
