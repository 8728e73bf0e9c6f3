import { z } from 'zod';
import { resourceName } from '../common/primitives';
import {
  createMeshInputSchema,
  createRouteInputSchema,
  createVirtualNodeInputSchema,
  createVirtualRouterInputSchema,
  createVirtualServiceInputSchema,
} from './cli-input';
import { createVirtualGatewayInputSchema } from '../virtual-gateway/input';
import { createGatewayRouteInputSchema } from '../gateway-route/input';

// In a bundle the items may leave out meshName: they belong to the bundle's mesh.
const inMesh = { meshName: resourceName().optional() };

/** The schema of one item of each bundle list. */
export const bundleItemSchemas = {
  virtualNodes: createVirtualNodeInputSchema.extend(inMesh),
  virtualRouters: createVirtualRouterInputSchema.extend(inMesh),
  routes: createRouteInputSchema.extend(inMesh),
  virtualServices: createVirtualServiceInputSchema.extend(inMesh),
  virtualGateways: createVirtualGatewayInputSchema.extend(inMesh),
  gatewayRoutes: createGatewayRouteInputSchema.extend(inMesh),
} as const;

/** A whole mesh in one document: the mesh and its children, each in CLI-input shape. */
export const bundleSchema = z.strictObject({
  mesh: createMeshInputSchema,
  virtualNodes: z.array(bundleItemSchemas.virtualNodes).default([]),
  virtualRouters: z.array(bundleItemSchemas.virtualRouters).default([]),
  routes: z.array(bundleItemSchemas.routes).default([]),
  virtualServices: z.array(bundleItemSchemas.virtualServices).default([]),
  virtualGateways: z.array(bundleItemSchemas.virtualGateways).default([]),
  gatewayRoutes: z.array(bundleItemSchemas.gatewayRoutes).default([]),
});
export type BundleInput = z.input<typeof bundleSchema>;
export type Bundle = z.output<typeof bundleSchema>;
