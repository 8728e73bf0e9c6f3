// Rules about one virtual gateway's own spec: its listeners (as a virtual node's, under gateway
// codes) and its access log.
import type { AnalysisContext } from '../analysis/context';
import { gatewayId } from '../analysis/context';
import { listenerProblems, type ListenerRuleCodes } from '../analysis/listener-rules';
import { duplicateListenerPorts } from '../resolve/decide';
import { accessLogPathProblem } from '../virtual-node/access-log-path';

const gatewayListenerCodes: ListenerRuleCodes = {
  healthCheckPortMismatch: 'gateway.health-check-port-mismatch',
  healthCheckPathMissing: 'gateway.health-check-path-missing',
  // A gateway health check is http, http2 or grpc (the schema has no tcp), so a path is at most ignored.
  healthCheckPathNotHttp: 'gateway.health-check-path-ignored',
  healthCheckPathIgnored: 'gateway.health-check-path-ignored',
  connectionPoolProtocolMismatch: 'gateway.connection-pool-protocol-mismatch',
};

export function checkVirtualGateways(ctx: AnalysisContext): void {
  for (const gateway of ctx.model.virtualGateways) {
    const resource = gatewayId(gateway.virtualGatewayName);
    const { spec } = gateway;
    if (spec.listeners.length === 0) {
      ctx.report({ code: 'gateway.listener-missing', category: 'spec', resource, path: 'spec.listeners', message: 'needs a listener (port and protocol) to receive traffic' });
    }
    const clashes = duplicateListenerPorts(spec.listeners, 'gateway.duplicate-listener-port');
    spec.listeners.forEach((listener, i) => {
      const base = `spec.listeners[${i}]`;
      const clash = clashes.get(i);
      if (clash) ctx.report({ code: clash.code, severity: clash.severity, category: clash.category, resource, path: `${base}.portMapping.port`, message: clash.message });
      for (const { path, ...finding } of listenerProblems(listener, gatewayListenerCodes)) ctx.report({ ...finding, resource, path: `${base}.${path}` });
    });
    const logPath = spec.logging?.accessLog?.file?.path;
    const logProblem = logPath === undefined ? undefined : accessLogPathProblem(logPath, ctx.accessLogRoots);
    if (logProblem !== undefined) {
      ctx.report({ code: 'gateway.access-log-path-not-allowed', category: 'spec', resource, path: 'spec.logging.accessLog.file.path', message: logProblem });
    }
  }
}
