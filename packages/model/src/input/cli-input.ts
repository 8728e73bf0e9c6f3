import { z } from 'zod';
import { clientTokenString, resourceName } from '../common/primitives';
import { meshSpecSchema } from '../mesh/schema';
import { routeSpecSchema } from '../route/schema';
import { tagListSchema } from '../tags/schema';
import { virtualNodeSpecSchema } from '../virtual-node/schema';
import { virtualRouterSpecSchema } from '../virtual-router/schema';
import { virtualServiceSpecSchema } from '../virtual-service/schema';
import { meshChildMembers } from '../common/mesh-child';
import { createVirtualGatewayInputSchema } from '../virtual-gateway/input';
import { createGatewayRouteInputSchema } from '../gateway-route/input';

export { meshChildMembers };

// These mirror the App Mesh Create*Input shapes: exactly what `aws appmesh create-* --cli-input-json`
// takes, and (with the URI members merged in) what the REST API receives.

const clientToken = () => clientTokenString();
export const createMeshInputSchema = z.strictObject({
  clientToken: clientToken().optional(),
  meshName: resourceName(),
  spec: meshSpecSchema.optional(),
  tags: tagListSchema.optional(),
});

export const createVirtualNodeInputSchema = z.strictObject({
  ...meshChildMembers,
  spec: virtualNodeSpecSchema,
  virtualNodeName: resourceName(),
});

export const createVirtualServiceInputSchema = z.strictObject({
  ...meshChildMembers,
  spec: virtualServiceSpecSchema,
  virtualServiceName: resourceName(),
});

export const createVirtualRouterInputSchema = z.strictObject({
  ...meshChildMembers,
  spec: virtualRouterSpecSchema,
  virtualRouterName: resourceName(),
});

export const createRouteInputSchema = z.strictObject({
  ...meshChildMembers,
  routeName: resourceName(),
  spec: routeSpecSchema,
  virtualRouterName: resourceName(),
});

export type CreateMeshInput = z.infer<typeof createMeshInputSchema>;
export type CreateVirtualNodeInput = z.infer<typeof createVirtualNodeInputSchema>;
export type CreateVirtualServiceInput = z.infer<typeof createVirtualServiceInputSchema>;
export type CreateVirtualRouterInput = z.infer<typeof createVirtualRouterInputSchema>;
export type CreateRouteInput = z.infer<typeof createRouteInputSchema>;
export type { CreateVirtualGatewayInput } from '../virtual-gateway/input';
export type { CreateGatewayRouteInput } from '../gateway-route/input';

/** The kinds of resource meshwright manages, in the order they must be created. */
export const resourceKinds = ['mesh', 'virtualNode', 'virtualRouter', 'route', 'virtualService', 'virtualGateway', 'gatewayRoute'] as const;
export type ResourceKind = (typeof resourceKinds)[number];

export const createInputSchemas = {
  mesh: createMeshInputSchema,
  virtualNode: createVirtualNodeInputSchema,
  virtualRouter: createVirtualRouterInputSchema,
  route: createRouteInputSchema,
  virtualService: createVirtualServiceInputSchema,
  virtualGateway: createVirtualGatewayInputSchema,
  gatewayRoute: createGatewayRouteInputSchema,
} as const;
