import type { MeshModel } from '../input/mesh-model';
import { createContext, indexForAnalysis, type AnalyzeOptions } from './context';
import type { Finding } from './finding';
import { sortFindings } from './finding';
import { subjectsOf } from './subjects';

/**
 * Every problem in a whole mesh, like `istioctl analyze`: references, protocol fit, ports, weights,
 * health checks, shadowed routes (of routers and gateways) and quotas. Stable order, so output diffs are readable.
 */
export function analyzeMesh(model: MeshModel, options: AnalyzeOptions = {}): Finding[] {
  const index = indexForAnalysis(model);
  const ctx = createContext(model, options, index);
  for (const subject of subjectsOf(model, index)) subject.check(ctx);
  return sortFindings(ctx.findings);
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((f) => f.severity === 'error');
