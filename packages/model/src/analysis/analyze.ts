import type { MeshModel } from '../input/mesh-model';
import { createContext, type AnalyzeOptions } from './context';
import type { Finding } from './finding';
import { sortFindings } from './finding';
import { checkVirtualNodes } from '../virtual-node/rules';
import { checkQuotasAndNames } from './quota-rules';
import { checkRoutes } from '../route/rules';
import { checkVirtualRouters } from '../virtual-router/rules';
import { checkVirtualServices } from '../virtual-service/rules';
import { checkVirtualGateways } from '../virtual-gateway/rules';
import { checkGatewayRoutes } from '../gateway-route/rules';

/**
 * Every problem in a whole mesh, like `istioctl analyze`: references, protocol fit, ports, weights,
 * health checks, shadowed routes (of routers and gateways) and quotas. Stable order, so output diffs are readable.
 */
export function analyzeMesh(model: MeshModel, options: AnalyzeOptions = {}): Finding[] {
  const ctx = createContext(model, options);
  checkVirtualNodes(ctx);
  checkVirtualServices(ctx);
  checkVirtualRouters(ctx);
  checkRoutes(ctx);
  checkVirtualGateways(ctx);
  checkGatewayRoutes(ctx);
  checkQuotasAndNames(ctx);
  return sortFindings(ctx.findings);
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');
