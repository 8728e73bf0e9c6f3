import { z } from 'zod';
import { listOf, portNumber, portProtocol } from '../common/primitives';

export const portMappingSchema = z.strictObject({
  /** 1-65535. */
  port: portNumber(),
  /** http, http2, grpc or tcp. */
  protocol: portProtocol(),
});
export type PortMapping = z.infer<typeof portMappingSchema>;

export const virtualRouterListenerSchema = z.strictObject({ portMapping: portMappingSchema });

export const virtualRouterSpecSchema = z.strictObject({
  /** The ports and protocols the router accepts; routes must fit one of them. */
  listeners: listOf(virtualRouterListenerSchema).optional(),
});
export type VirtualRouterSpec = z.infer<typeof virtualRouterSpecSchema>;
