import { z } from 'zod';
import { resourceName } from '../common/primitives';
import { exactlyOne } from '../common/union';

/** Who answers for a virtual service: one virtual node or one virtual router. */
export const virtualServiceProviderSchema = exactlyOne({
  /** A single node serves the service directly. */
  virtualNode: z.strictObject({ virtualNodeName: resourceName() }),
  /** A router spreads the service's traffic over its routes. */
  virtualRouter: z.strictObject({ virtualRouterName: resourceName() }),
});

export const virtualServiceSpecSchema = z.strictObject({
  /** Without a provider the service exists but nothing answers for it. */
  provider: virtualServiceProviderSchema.optional(),
});
export type VirtualServiceSpec = z.infer<typeof virtualServiceSpecSchema>;
