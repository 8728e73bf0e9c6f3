// What `aws appmesh create-gateway-route --cli-input-json` takes.
import { z } from 'zod';
import { resourceName } from '../common/primitives';
import { meshChildMembers } from '../common/mesh-child';
import { gatewayRouteSpecSchema } from './schema';

export const createGatewayRouteInputSchema = z.strictObject({
  ...meshChildMembers,
  gatewayRouteName: resourceName(),
  spec: gatewayRouteSpecSchema,
  virtualGatewayName: resourceName(),
});
export type CreateGatewayRouteInput = z.infer<typeof createGatewayRouteInputSchema>;
