// What `aws appmesh create-virtual-gateway --cli-input-json` takes.
import { z } from 'zod';
import { resourceName } from '../common/primitives';
import { meshChildMembers } from '../common/mesh-child';
import { virtualGatewaySpecSchema } from './schema';

export const createVirtualGatewayInputSchema = z.strictObject({
  ...meshChildMembers,
  spec: virtualGatewaySpecSchema,
  virtualGatewayName: resourceName(),
});
export type CreateVirtualGatewayInput = z.infer<typeof createVirtualGatewayInputSchema>;
