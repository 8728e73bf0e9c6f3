import type { AnalysisContext } from './context';
import { routerId, serviceId } from './context';

/** Rules about virtual services and routers (whose only job is to be providers). */
export function checkServicesAndRouters(ctx: AnalysisContext): void {
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

  for (const router of ctx.model.virtualRouters) {
    const resource = routerId(router.virtualRouterName);
    const listeners = router.spec.listeners ?? [];
    if (listeners.length === 0) {
      ctx.report({
        code: 'router.listener-missing',
        category: 'spec',
        resource,
        path: 'spec.listeners',
        message: 'needs a listener (port and protocol) for its routes to attach to',
      });
    }
    const seen = new Set<number>();
    listeners.forEach((l, i) => {
      if (seen.has(l.portMapping.port)) {
        ctx.report({
          code: 'router.duplicate-listener-port',
          category: 'spec',
          resource,
          path: `spec.listeners[${i}].portMapping.port`,
          message: `port ${l.portMapping.port} is used by another listener of this router`,
        });
      }
      seen.add(l.portMapping.port);
    });
  }
}
