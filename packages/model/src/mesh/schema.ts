import { z } from 'zod';
import { oneOf } from '../common/primitives';

export const ipPreferenceSchema = oneOf(['IPv6_PREFERRED', 'IPv4_PREFERRED', 'IPv4_ONLY', 'IPv6_ONLY'] as const);

/** What the mesh's proxies do with traffic to hosts that are not in the mesh. */
export const egressFilterSchema = z.strictObject({
  /** DROP_ALL (the default) answers unknown hosts without forwarding; ALLOW_ALL passes them on. */
  type: oneOf(['ALLOW_ALL', 'DROP_ALL'] as const),
});

export const meshServiceDiscoverySchema = z.strictObject({
  /** Address family preference for every node of the mesh. */
  ipPreference: ipPreferenceSchema.optional(),
});

export const meshSpecSchema = z.strictObject({
  /** Egress policy; DROP_ALL when absent. */
  egressFilter: egressFilterSchema.optional(),
  /** Mesh-wide service discovery settings. */
  serviceDiscovery: meshServiceDiscoverySchema.optional(),
});
export type MeshSpec = z.infer<typeof meshSpecSchema>;
