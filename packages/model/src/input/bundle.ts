import { z } from 'zod';
import { resourceName } from '../common/primitives';
import {
  createMeshInputSchema,
  createRouteInputSchema,
  createVirtualNodeInputSchema,
  createVirtualRouterInputSchema,
  createVirtualServiceInputSchema,
} from './cli-input';

// In a bundle the items may leave out meshName: they belong to the bundle's mesh.
const inMesh = { meshName: resourceName().optional() };

/** A whole mesh in one document: the mesh and its children, each in CLI-input shape. */
export const bundleSchema = z.strictObject({
  mesh: createMeshInputSchema,
  virtualNodes: z.array(createVirtualNodeInputSchema.extend(inMesh)).default([]),
  virtualRouters: z.array(createVirtualRouterInputSchema.extend(inMesh)).default([]),
  routes: z.array(createRouteInputSchema.extend(inMesh)).default([]),
  virtualServices: z.array(createVirtualServiceInputSchema.extend(inMesh)).default([]),
});
export type BundleInput = z.input<typeof bundleSchema>;
export type Bundle = z.output<typeof bundleSchema>;
