import type { AnalysisContext } from '../analysis/context';
import { serviceId } from '../analysis/context';

/** Rules about virtual services: a provider that exists and answers. */
export function checkVirtualServices(ctx: AnalysisContext): void {
  for (const service of ctx.model.virtualServices) {
    const resource = serviceId(service.virtualServiceName);
    const provider = service.spec.provider;
    if (provider === undefined) {
      ctx.report({
        code: 'service.provider-none',
        severity: 'warning',
        category: 'spec',
        resource,
        path: 'spec.provider',
        message: 'has no provider, so nothing answers its traffic; set a virtual node or virtual router',
      });
    } else if (provider.virtualNode && !ctx.nodes.has(provider.virtualNode.virtualNodeName)) {
      ctx.report({
        code: 'service.provider-missing',
        category: 'reference',
        resource,
        path: 'spec.provider.virtualNode.virtualNodeName',
        message: `provider virtual node ${provider.virtualNode.virtualNodeName} does not exist`,
      });
    } else if (provider.virtualRouter) {
      const name = provider.virtualRouter.virtualRouterName;
      if (!ctx.routers.has(name)) {
        ctx.report({
          code: 'service.provider-missing',
          category: 'reference',
          resource,
          path: 'spec.provider.virtualRouter.virtualRouterName',
          message: `provider virtual router ${name} does not exist`,
        });
      } else if ((ctx.routesByRouter.get(name) ?? []).length === 0) {
        ctx.report({
          code: 'service.router-without-routes',
          severity: 'warning',
          category: 'consistency',
          resource,
          path: 'spec.provider.virtualRouter.virtualRouterName',
          message: `provider virtual router ${name} has no routes yet, so requests to this service get no answer`,
        });
      }
    }
  }
}
