import { z } from 'zod';
import { reportIssues } from '../../wizard/lib/form-schema';
import { gatewayRouteValuesSchema, gatewayValuesSchema } from '../../wizard/lib/gateway-values';
import { validateGatewayRouteValues, validateGatewayValues, type GatewayRouteContext } from '../../wizard/lib/gateway-validate';

// The gateway pages' form schemas: the shapes of the inputs, refined by the model's findings.

export const gatewayEditSchema = z.object({ gateway: gatewayValuesSchema }).superRefine((v, ctx) => reportIssues(ctx, validateGatewayValues(v.gateway), ['gateway']));

export function gatewayRouteEditSchema(context: GatewayRouteContext) {
  return z.object({ route: gatewayRouteValuesSchema }).superRefine((v, ctx) => reportIssues(ctx, validateGatewayRouteValues(v.route, context), ['route']));
}
