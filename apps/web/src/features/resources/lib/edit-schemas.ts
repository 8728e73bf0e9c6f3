import { z } from 'zod';
import { portNumber, portProtocol, virtualServiceSpecSchema } from '@meshwright/model';
import { reportIssues, routeValuesSchema } from '../../wizard/lib/form-schema';
import { validateRouteValues, type RouteContext } from '../../wizard/lib/validate';

// The edit pages' form schemas: the wizard's field shapes and checks, one resource at a time.
// Virtual nodes: node-edit-schema.ts.

export function routeEditSchema(context: RouteContext) {
  return z.object({ route: routeValuesSchema }).superRefine((v, ctx) => reportIssues(ctx, validateRouteValues(v.route, context), ['route']));
}

export const routerEditSchema = z.object({ port: portNumber(), protocol: portProtocol() });

export const serviceEditSchema = z.object({ provider: z.string() }).superRefine((v, ctx) => {
  const [kind, name = ''] = v.provider.split(':');
  const spec = kind === 'router' ? { provider: { virtualRouter: { virtualRouterName: name } } } : kind === 'node' ? { provider: { virtualNode: { virtualNodeName: name } } } : {};
  const result = virtualServiceSpecSchema.safeParse(spec);
  if (!result.success) ctx.addIssue({ code: 'custom', path: ['provider'], message: result.error.issues[0]?.message ?? 'is not valid' });
});
