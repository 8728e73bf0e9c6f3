import type { AnalysisContext } from '../analysis/context';
import { routerId } from '../analysis/context';
import type { MeshModel } from '../input/mesh-model';
import { decideRouterListeners } from '../resolve/decide';

/** Rules about virtual routers (whose only job is to hold listeners for their routes). */
export function checkVirtualRouter(ctx: AnalysisContext, router: MeshModel['virtualRouters'][number]): void {
  const resource = routerId(router.virtualRouterName);
  const listeners = router.spec.listeners ?? [];
  const noListener = decideRouterListeners(router);
  if (noListener) {
    const { code, severity, category, message } = noListener;
    ctx.report({ code, severity, category, resource, path: 'spec.listeners', message });
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
