import { z } from 'zod';
import { httpMethods, portProtocol } from '@meshwright/model';
import { discoveryMethods, headerMatchTypes, type NodeValues, type RouteValues, type WizardValues } from './form-values';
import { defaultWizardGateway, wizardGatewayValuesSchema, type WizardGatewayValues } from './gateway-values';
import { validateWizard, type FormIssue } from './validate';

// The wizard form schema: a structural schema of the inputs (numbers may be NaN while empty), refined
// by validateWizard, which has the model (validateBundle) judge the bundle the form builds.

export const num = z.custom<number>((v) => typeof v === 'number', { error: 'must be a number' });

/** The health check inputs of one listener; the node edit form reuses it. */
export const healthCheckValuesSchema = z.object({
  enabled: z.boolean(),
  protocol: portProtocol(),
  port: num,
  path: z.string(),
  healthyThreshold: num,
  unhealthyThreshold: num,
  intervalMillis: num,
  timeoutMillis: num,
});

export const nodeValuesSchema: z.ZodType<NodeValues, NodeValues> = z.object({
  name: z.string(),
  discovery: z.enum(discoveryMethods),
  dnsHostname: z.string(),
  cloudMapNamespace: z.string(),
  cloudMapService: z.string(),
  port: num,
  protocol: portProtocol(),
  healthCheck: healthCheckValuesSchema,
  backends: z.array(z.object({ name: z.string() })),
  logPath: z.string(),
});

/** What a stored draft may hold: the gRPC match fields and the gateway step came later, so a draft may lack them. */
export type RouteValuesInput = Omit<RouteValues, 'serviceName' | 'methodName'> & Partial<Pick<RouteValues, 'serviceName' | 'methodName'>>;
export type WizardValuesInput = Omit<WizardValues, 'route' | 'useGateway' | 'gateway'> & { route: RouteValuesInput; useGateway?: boolean | undefined; gateway?: WizardGatewayValues | undefined };

const routeShape = {
  name: z.string(),
  type: portProtocol(),
  priority: num,
  prefix: z.string(),
  method: z.enum([...httpMethods, '']),
  headers: z.array(z.object({ name: z.string(), matchType: z.enum(headerMatchTypes), value: z.string(), invert: z.boolean() })),
  serviceName: z.string(),
  methodName: z.string(),
  targets: z.array(z.object({ node: z.string(), weight: num })),
};

export const routeValuesSchema: z.ZodType<RouteValues, RouteValues> = z.object(routeShape);

// Defaults only when reading a draft: the form itself always holds every field.
const draftRouteValuesSchema: z.ZodType<RouteValues, RouteValuesInput> = z.object({
  ...routeShape,
  serviceName: z.string().default(''),
  methodName: z.string().default(''),
});

function wizardShape<I>(route: z.ZodType<RouteValues, I>) {
  return z.object({
    meshName: z.string(),
    virtualServiceName: z.string(),
    nodes: z.array(nodeValuesSchema),
    useRouter: z.boolean(),
    router: z.object({ name: z.string(), port: num, protocol: portProtocol() }),
    route,
  });
}

/** The shape of the wizard's values; also how a stored draft is checked before it is trusted. */
export const wizardValuesSchema: z.ZodType<WizardValues, WizardValuesInput> = wizardShape(draftRouteValuesSchema).extend({
  useGateway: z.boolean().default(false),
  gateway: wizardGatewayValuesSchema.default(defaultWizardGateway),
});

/** Field path `nodes.0.port` -> zod path ['nodes', 0, 'port'] so the resolver puts the error there. */
export function issuePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Adds form issues to a refinement context. */
export function reportIssues(ctx: z.RefinementCtx, issues: FormIssue[], prefix: (string | number)[] = []): void {
  for (const issue of issues) ctx.addIssue({ code: 'custom', path: [...prefix, ...issuePath(issue.field)], message: issue.message });
}

const strictWizardValuesSchema: z.ZodType<WizardValues, WizardValues> = wizardShape(routeValuesSchema).extend({ useGateway: z.boolean(), gateway: wizardGatewayValuesSchema });

export const wizardFormSchema = strictWizardValuesSchema.superRefine((values, ctx) => reportIssues(ctx, validateWizard(values)));
