// A gateway route: which requests a virtual gateway sends to which virtual service, and how it
// rewrites them on the way (App Mesh 2019-01-25 GatewayRouteSpec).
import { z } from 'zod';
import { anyString, intInRange, listOf, oneOf, portNumber, resourceName, stringOfLength } from '../common/primitives';
import { requireExactlyOne } from '../common/union';
import { grpcMetadataMatchesSchema, httpMethods, httpPathMatchSchema, httpRouteHeaderSchema, queryParameterMatchesSchema } from '../route/schema';

const enabledOrDisabled = () => oneOf(['ENABLED', 'DISABLED'] as const);

export const gatewayRouteTargetSchema = z.strictObject({
  /** The target service's listener port; needed when its provider has several. */
  port: portNumber().optional(),
  virtualService: z.strictObject({ virtualServiceName: resourceName() }),
});
export type GatewayRouteTarget = z.infer<typeof gatewayRouteTargetSchema>;

/** `exact` or `suffix` match of the request's Host (without the port). */
export const gatewayRouteHostnameMatchSchema = z.strictObject({
  exact: stringOfLength(1, 253).optional(),
  suffix: stringOfLength(1, 253).optional(),
});

/** By default the Host becomes the target service's name; DISABLED keeps the client's Host. */
const hostnameRewrite = z.strictObject({ defaultTargetHostname: enabledOrDisabled().optional() });

export const httpGatewayRouteMatchSchema = z.strictObject({
  headers: listOf(httpRouteHeaderSchema, 1, 10).optional(),
  hostname: gatewayRouteHostnameMatchSchema.optional(),
  method: oneOf(httpMethods).optional(),
  /** Whole-path match, exact or regex; an alternative to `prefix`. */
  path: httpPathMatchSchema.optional(),
  /** The gateway listener port this route belongs to. */
  port: portNumber().optional(),
  /** Path prefix; starts with `/`. */
  prefix: anyString().optional(),
  queryParameters: queryParameterMatchesSchema.optional(),
});
export type HttpGatewayRouteMatch = z.infer<typeof httpGatewayRouteMatchSchema>;

export const httpGatewayRouteRewriteSchema = z.strictObject({
  hostname: hostnameRewrite.optional(),
  /** With an exact or regex path match: the path the service sees. */
  path: z.strictObject({ exact: stringOfLength(1, 255).optional() }).optional(),
  /** With a prefix match: DISABLED keeps the matched prefix; `value` replaces it (default `/`). */
  prefix: z.strictObject({ defaultPrefix: enabledOrDisabled().optional(), value: stringOfLength(1, 255).optional() }).optional(),
});
export type HttpGatewayRouteRewrite = z.infer<typeof httpGatewayRouteRewriteSchema>;

export const httpGatewayRouteSchema = z.strictObject({
  action: z.strictObject({ rewrite: httpGatewayRouteRewriteSchema.optional(), target: gatewayRouteTargetSchema }),
  match: httpGatewayRouteMatchSchema,
});
export type HttpGatewayRoute = z.infer<typeof httpGatewayRouteSchema>;

export const grpcGatewayRouteSchema = z.strictObject({
  action: z.strictObject({
    rewrite: z.strictObject({ hostname: hostnameRewrite.optional() }).optional(),
    target: gatewayRouteTargetSchema,
  }),
  match: z.strictObject({
    hostname: gatewayRouteHostnameMatchSchema.optional(),
    metadata: grpcMetadataMatchesSchema.optional(),
    port: portNumber().optional(),
    /** Fully qualified gRPC service name, such as `shop.Cart`. */
    serviceName: anyString().optional(),
  }),
});
export type GrpcGatewayRoute = z.infer<typeof grpcGatewayRouteSchema>;

export const gatewayRouteKinds = ['httpRoute', 'http2Route', 'grpcRoute'] as const;
export type GatewayRouteKind = (typeof gatewayRouteKinds)[number];

export const gatewayRouteSpecSchema = z
  .strictObject({
    grpcRoute: grpcGatewayRouteSchema.optional(),
    http2Route: httpGatewayRouteSchema.optional(),
    httpRoute: httpGatewayRouteSchema.optional(),
    /** 0-1000; lower is evaluated first. */
    priority: intInRange(0, 1000).optional(),
  })
  .superRefine(requireExactlyOne(gatewayRouteKinds));
export type GatewayRouteSpec = z.infer<typeof gatewayRouteSpecSchema>;

/** The kind a gateway route spec carries (the schema guarantees exactly one). */
export function gatewayRouteKindOf(spec: GatewayRouteSpec): GatewayRouteKind {
  return gatewayRouteKinds.find((k) => spec[k] !== undefined) ?? 'httpRoute';
}
