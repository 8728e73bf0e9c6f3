// A virtual gateway: a standalone Envoy at the edge of the mesh (App Mesh 2019-01-25 VirtualGatewaySpec).
// Its TLS, client policy and logging shapes are the virtual node's, member for member, so they are shared.
import { z } from 'zod';
import { intInRange, listOf, oneOf, portNumber } from '../common/primitives';
import { healthCheckPolicySchema } from '../virtual-node/listener';
import { exactlyOne } from '../common/union';
import { loggingSchema } from '../virtual-node/schema';
import { clientPolicySchema, listenerTlsSchema } from '../virtual-node/tls';

/** A gateway speaks http, http2 or grpc; App Mesh gives it no tcp. */
export const gatewayProtocols = ['http', 'http2', 'grpc'] as const;
export type GatewayProtocol = (typeof gatewayProtocols)[number];
const gatewayProtocol = () => oneOf(gatewayProtocols);

export const virtualGatewayPortMappingSchema = z.strictObject({
  /** 1-65535: the port the gateway's Envoy listens on. */
  port: portNumber(),
  protocol: gatewayProtocol(),
});

/** The virtual node's health check, for the gateway's protocols. */
export const virtualGatewayHealthCheckSchema = healthCheckPolicySchema.extend({ protocol: gatewayProtocol() });
export type VirtualGatewayHealthCheck = z.infer<typeof virtualGatewayHealthCheckSchema>;

export const virtualGatewayConnectionPoolSchema = exactlyOne({
  grpc: z.strictObject({ maxRequests: intInRange(1) }),
  http: z.strictObject({ maxConnections: intInRange(1), maxPendingRequests: intInRange(1).optional() }),
  http2: z.strictObject({ maxRequests: intInRange(1) }),
});

/** One port of the gateway, with how its traffic is checked, limited and encrypted. */
export const virtualGatewayListenerSchema = z.strictObject({
  connectionPool: virtualGatewayConnectionPoolSchema.optional(),
  healthCheck: virtualGatewayHealthCheckSchema.optional(),
  portMapping: virtualGatewayPortMappingSchema,
  tls: listenerTlsSchema.optional(),
});
export type VirtualGatewayListener = z.infer<typeof virtualGatewayListenerSchema>;

export const virtualGatewaySpecSchema = z.strictObject({
  /** Client policy (TLS) for every virtual service the gateway's routes reach. */
  backendDefaults: z.strictObject({ clientPolicy: clientPolicySchema.optional() }).optional(),
  /** App Mesh allows one listener; meshwright accepts several, each gateway route then names its port. */
  listeners: listOf(virtualGatewayListenerSchema),
  logging: loggingSchema.optional(),
});
export type VirtualGatewaySpec = z.infer<typeof virtualGatewaySpecSchema>;
