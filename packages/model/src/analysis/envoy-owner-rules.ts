// Rules about the parts of a spec that a virtual node and a virtual gateway share, the two kinds that
// run an Envoy of their own: its listeners (a port used twice, each listener's health check and
// connection pool) and its access log path. Each kind reports them under its own codes.
import { duplicateListenerPorts } from '../resolve/decide';
import { accessLogPathProblem } from '../virtual-node/access-log-path';
import type { AnalysisContext } from './context';
import type { ResourceId } from './finding';
import type { FindingCode } from './finding-codes';
import { listenerProblems, type ListenerLike, type ListenerRuleCodes } from './listener-rules';

/** The codes a kind reports these rules under, such as `gateway.duplicate-listener-port`. */
export interface EnvoyOwnerRuleCodes extends ListenerRuleCodes {
  duplicateListenerPort: FindingCode;
  accessLogPathNotAllowed: FindingCode;
}

/** What these rules read of a node's or a gateway's spec. */
export interface EnvoyOwnerSpec {
  listeners: readonly ListenerLike[];
  logging?: { accessLog?: { file?: { path: string } | undefined } | undefined } | undefined;
}

export function checkEnvoyOwnerSpec(ctx: AnalysisContext, resource: ResourceId, spec: EnvoyOwnerSpec, codes: EnvoyOwnerRuleCodes): void {
  const logPath = spec.logging?.accessLog?.file?.path;
  const logProblem = logPath === undefined ? undefined : accessLogPathProblem(logPath, ctx.accessLogRoots);
  if (logProblem !== undefined) {
    ctx.report({ code: codes.accessLogPathNotAllowed, category: 'spec', resource, path: 'spec.logging.accessLog.file.path', message: logProblem });
  }
  const clashes = duplicateListenerPorts(spec.listeners, codes.duplicateListenerPort);
  spec.listeners.forEach((listener, i) => {
    const base = `spec.listeners[${i}]`;
    const clash = clashes.get(i);
    if (clash) ctx.report({ code: clash.code, severity: clash.severity, category: clash.category, resource, path: `${base}.portMapping.port`, message: clash.message });
    for (const { path, ...finding } of listenerProblems(listener, codes)) ctx.report({ ...finding, resource, path: `${base}.${path}` });
  });
}
