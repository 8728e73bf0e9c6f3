// What `aws appmesh create-gateway-route --cli-input-json` takes.
import { z } from 'zod';
import { resourceName } from '../common/primitives';
import { meshChildMembers } from '../input/cli-input';
import { gatewayRouteSpecSchema } from './schema';

export const createGatewayRouteInputSchema = z.strictObject({
  ...meshChildMembers,
  gatewayRouteName: resourceName(),
  spec: gatewayRouteSpecSchema,
  virtualGatewayName: resourceName(),
});
export type CreateGatewayRouteInput = z.infer<typeof createGatewayRouteInputSchema>;
