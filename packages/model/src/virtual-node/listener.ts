import { z } from 'zod';
import { durationSchema } from '../common/duration';
import { anyString, intInRange, longAtLeast, portNumber, portProtocol } from '../common/primitives';
import { exactlyOne } from '../common/union';
import { portMappingSchema } from '../virtual-router/schema';
import { listenerTlsSchema } from './tls';

export const healthCheckPolicySchema = z.strictObject({
  /** Consecutive successes before an unhealthy target is healthy again: 2-10. */
  healthyThreshold: intInRange(2, 10),
  /** Time between checks: 5000-300000 ms. */
  intervalMillis: intInRange(5000, 300000),
  /** Request path, for http and http2 checks only. */
  path: anyString().optional(),
  /** Port to check; the listener's port when absent. */
  port: portNumber().optional(),
  protocol: portProtocol(),
  /** How long to wait for an answer: 2000-60000 ms. */
  timeoutMillis: intInRange(2000, 60000),
  /** Consecutive failures before a target is taken out of rotation: 2-10. */
  unhealthyThreshold: intInRange(2, 10),
});
export type HealthCheckPolicy = z.infer<typeof healthCheckPolicySchema>;

export const httpTimeoutSchema = z.strictObject({
  idle: durationSchema.optional(),
  perRequest: durationSchema.optional(),
});
export const grpcTimeoutSchema = httpTimeoutSchema;
export const tcpTimeoutSchema = z.strictObject({ idle: durationSchema.optional() });

export const listenerTimeoutSchema = exactlyOne({
  grpc: grpcTimeoutSchema,
  http: httpTimeoutSchema,
  http2: httpTimeoutSchema,
  tcp: tcpTimeoutSchema,
});

const maxRequests = () => intInRange(1);
export const connectionPoolSchema = exactlyOne({
  grpc: z.strictObject({ maxRequests: maxRequests() }),
  http: z.strictObject({ maxConnections: intInRange(1), maxPendingRequests: intInRange(1).optional() }),
  http2: z.strictObject({ maxRequests: maxRequests() }),
  tcp: z.strictObject({ maxConnections: intInRange(1) }),
});
export type ConnectionPool = z.infer<typeof connectionPoolSchema>;

export const outlierDetectionSchema = z.strictObject({
  /** How long an ejected host stays out, multiplied by the times it was ejected. */
  baseEjectionDuration: durationSchema,
  /** How often hosts are evaluated. */
  interval: durationSchema,
  /** At most this share of hosts is ejected: 0-100. */
  maxEjectionPercent: intInRange(0, 100),
  /** Consecutive 5xx answers that eject a host: 1 or more. */
  maxServerErrors: longAtLeast(1),
});
export type OutlierDetection = z.infer<typeof outlierDetectionSchema>;

/** An inbound port of a virtual node, with how its traffic is checked and limited. */
export const listenerSchema = z.strictObject({
  connectionPool: connectionPoolSchema.optional(),
  healthCheck: healthCheckPolicySchema.optional(),
  outlierDetection: outlierDetectionSchema.optional(),
  portMapping: portMappingSchema,
  timeout: listenerTimeoutSchema.optional(),
  tls: listenerTlsSchema.optional(),
});
export type Listener = z.infer<typeof listenerSchema>;
