import type { AnalysisContext } from '../analysis/context';
import { serviceId } from '../analysis/context';
import type { MeshModel } from '../input/mesh-model';
import { decideProvider } from '../resolve/decide';

/** Rules about virtual services: a provider that exists and answers (decided by the resolver's step). */
export function checkVirtualService(ctx: AnalysisContext, service: MeshModel['virtualServices'][number]): void {
  const resource = serviceId(service.virtualServiceName);
  const provider = decideProvider(ctx, service.virtualServiceName);
  if (!provider) return;
  if (!provider.ok) {
    const { code, severity, category, path, message } = provider;
    ctx.report({ code, severity, category, resource, path, message });
  } else if (provider.kind === 'router') {
    const name = provider.router.virtualRouterName;
    if ((ctx.routesByRouter.get(name) ?? []).length === 0) {
      ctx.report({
        code: 'service.router-without-routes',
        severity: 'warning',
        category: 'consistency',
        resource,
        path: provider.path,
        message: `provider virtual router ${name} has no routes yet, so requests to this service get no answer`,
      });
    }
  }
}
