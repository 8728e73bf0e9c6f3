import { z } from 'zod';
import { durationSchema } from '../common/duration';
import { anyString, booleanValue, intInRange, listOf, longAtLeast, oneOf, portNumber, resourceName, stringOfLength } from '../common/primitives';
import { exactlyOne, requireExactlyOne } from '../common/union';
import { httpTimeoutSchema, tcpTimeoutSchema } from '../virtual-node/listener';

/** One destination of a route and its relative share of traffic. */
export const weightedTargetSchema = z.strictObject({
  /** The target's listener port; needed when the node has several listeners. */
  port: portNumber().optional(),
  /** Name of the virtual node that receives this share. */
  virtualNode: resourceName(),
  /** Relative weight 0-100; all weights of a route add up to at most 100. */
  weight: intInRange(0, 100),
});
export type WeightedTarget = z.infer<typeof weightedTargetSchema>;

const routeAction = z.strictObject({ weightedTargets: listOf(weightedTargetSchema, 1, 10) });

const headerMatch = () => stringOfLength(1, 255);
/** How a header (or gRPC metadata) value is compared. */
export const headerMatchMethodSchema = exactlyOne({
  exact: headerMatch(),
  prefix: headerMatch(),
  range: z.strictObject({ end: z.number().int(), start: z.number().int() }),
  regex: headerMatch(),
  suffix: headerMatch(),
});

export const httpRouteHeaderSchema = z.strictObject({
  /** Match when the header does NOT satisfy `match`. */
  invert: booleanValue().optional(),
  /** Without a method, the header only has to be present. */
  match: headerMatchMethodSchema.optional(),
  name: stringOfLength(1, 50),
});

/** gRPC metadata a request must (or, inverted, must not) carry: 1-10 entries. */
export const grpcMetadataMatchesSchema = listOf(
  z.strictObject({ invert: booleanValue().optional(), match: headerMatchMethodSchema.optional(), name: stringOfLength(1, 50) }),
  1,
  10,
);

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'] as const;

/** Whole-path match, exact or regex; an alternative to a prefix. */
export const httpPathMatchSchema = z.strictObject({ exact: stringOfLength(1, 255).optional(), regex: stringOfLength(1, 255).optional() });
/** Query parameters that must be present (and equal `match.exact` when given). */
export const queryParameterMatchesSchema = listOf(
  z.strictObject({ match: z.strictObject({ exact: anyString().optional() }).optional(), name: anyString() }),
  1,
  10,
);

export const httpRouteMatchSchema = z.strictObject({
  headers: listOf(httpRouteHeaderSchema, 1, 10).optional(),
  method: oneOf(httpMethods).optional(),
  /** Whole-path match, exact or regex; an alternative to `prefix`. */
  path: httpPathMatchSchema.optional(),
  /** The router listener port this route belongs to. */
  port: portNumber().optional(),
  /** Path prefix; starts with `/`. */
  prefix: anyString().optional(),
  queryParameters: queryParameterMatchesSchema.optional(),
  scheme: oneOf(['http', 'https'] as const).optional(),
});
export type HttpRouteMatch = z.infer<typeof httpRouteMatchSchema>;

const tcpRetryEvents = listOf(oneOf(['connection-error'] as const), 1, 1);
const httpRetryEvents = listOf(stringOfLength(1, 25), 1, 25);

export const httpRetryPolicySchema = z.strictObject({
  /** server-error, gateway-error, client-error, stream-error. */
  httpRetryEvents: httpRetryEvents.optional(),
  maxRetries: longAtLeast(0),
  perRetryTimeout: durationSchema,
  tcpRetryEvents: tcpRetryEvents.optional(),
});
export type HttpRetryPolicy = z.infer<typeof httpRetryPolicySchema>;

export const httpRouteSchema = z.strictObject({
  action: routeAction,
  match: httpRouteMatchSchema,
  retryPolicy: httpRetryPolicySchema.optional(),
  timeout: httpTimeoutSchema.optional(),
});
export type HttpRoute = z.infer<typeof httpRouteSchema>;

export const grpcRetryEvents = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'] as const;

export const grpcRouteSchema = z.strictObject({
  action: routeAction,
  match: z.strictObject({
    metadata: grpcMetadataMatchesSchema.optional(),
    /** Requires `serviceName`. */
    methodName: stringOfLength(1, 50).optional(),
    port: portNumber().optional(),
    /** Fully qualified gRPC service name, such as `shop.Cart`. */
    serviceName: anyString().optional(),
  }),
  retryPolicy: z
    .strictObject({
      grpcRetryEvents: listOf(oneOf(grpcRetryEvents), 1, 5).optional(),
      httpRetryEvents: httpRetryEvents.optional(),
      maxRetries: longAtLeast(0),
      perRetryTimeout: durationSchema,
      tcpRetryEvents: tcpRetryEvents.optional(),
    })
    .optional(),
  timeout: httpTimeoutSchema.optional(),
});
export type GrpcRoute = z.infer<typeof grpcRouteSchema>;

export const tcpRouteSchema = z.strictObject({
  action: routeAction,
  match: z.strictObject({ port: portNumber().optional() }).optional(),
  timeout: tcpTimeoutSchema.optional(),
});
export type TcpRoute = z.infer<typeof tcpRouteSchema>;

export const routeKinds = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;
export type RouteKind = (typeof routeKinds)[number];

export const routeSpecSchema = z
  .strictObject({
    grpcRoute: grpcRouteSchema.optional(),
    http2Route: httpRouteSchema.optional(),
    httpRoute: httpRouteSchema.optional(),
    /** 0-1000; lower is evaluated first. */
    priority: intInRange(0, 1000).optional(),
    tcpRoute: tcpRouteSchema.optional(),
  })
  .superRefine(requireExactlyOne(routeKinds));
export type RouteSpec = z.infer<typeof routeSpecSchema>;

/** The kind a route spec carries (the schema guarantees exactly one). */
export function routeKindOf(spec: RouteSpec): RouteKind {
  return routeKinds.find((k) => spec[k] !== undefined) ?? 'httpRoute';
}

export const routeNameSchema = resourceName();
