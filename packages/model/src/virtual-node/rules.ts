import type { AnalysisContext } from '../analysis/context';
import { nodeId } from '../analysis/context';
import { decideBackend, decideListenerTimeout, duplicateListenerPorts, type Failed } from '../resolve/decide';
import { accessLogPathProblem } from './access-log-path';
import { listenerProblems, type ListenerRuleCodes } from '../analysis/listener-rules';

const nodeListenerCodes: ListenerRuleCodes = {
  healthCheckPortMismatch: 'node.health-check-port-mismatch',
  healthCheckPathMissing: 'node.health-check-path-missing',
  healthCheckPathNotHttp: 'node.health-check-path-not-http',
  healthCheckPathIgnored: 'node.health-check-path-ignored',
  connectionPoolProtocolMismatch: 'node.connection-pool-protocol-mismatch',
};

/** Rules about one virtual node's own spec and its backends. */
export function checkVirtualNodes(ctx: AnalysisContext): void {
  for (const node of ctx.model.virtualNodes) {
    const resource = nodeId(node.virtualNodeName);
    const { spec } = node;
    const listeners = spec.listeners ?? [];

    const logPath = spec.logging?.accessLog?.file?.path;
    const logProblem = logPath === undefined ? undefined : accessLogPathProblem(logPath, ctx.accessLogRoots);
    if (logProblem !== undefined) {
      ctx.report({ code: 'node.access-log-path-not-allowed', category: 'spec', resource, path: 'spec.logging.accessLog.file.path', message: logProblem });
    }

    if (listeners.length > 0 && spec.serviceDiscovery === undefined) {
      ctx.report({
        code: 'node.service-discovery-missing',
        category: 'spec',
        resource,
        path: 'spec.serviceDiscovery',
        message: 'has listeners but no service discovery, so no other node can reach it; set a DNS hostname or Cloud Map service',
      });
    }
    if (spec.serviceDiscovery?.dns !== undefined && spec.serviceDiscovery.dns.hostname.trim() === '') {
      ctx.report({ code: 'node.dns-hostname-empty', category: 'spec', resource, path: 'spec.serviceDiscovery.dns.hostname', message: 'DNS hostname is empty' });
    }

    const clashes = duplicateListenerPorts(listeners);
    listeners.forEach((listener, i) => {
      const base = `spec.listeners[${i}]`;
      const report = (f: Failed, path: string) => ctx.report({ code: f.code, severity: f.severity, category: f.category, resource, path, message: f.message });
      const clash = clashes.get(i);
      if (clash) report(clash, `${base}.portMapping.port`);

      for (const problem of listenerProblems(listener, nodeListenerCodes)) {
        const { path, ...finding } = problem;
        ctx.report({ ...finding, resource, path: `${base}.${path}` });
      }
      const timeout = decideListenerTimeout(listener);
      if (timeout) report(timeout, `${base}.${timeout.path}`);
    });

    const seenBackends = new Set<string>();
    (spec.backends ?? []).forEach((backend, i) => {
      const name = backend.virtualService?.virtualServiceName;
      if (name === undefined) return;
      const path = `spec.backends[${i}].virtualService.virtualServiceName`;
      if (seenBackends.has(name)) {
        ctx.report({ code: 'node.duplicate-backend', severity: 'warning', category: 'spec', resource, path, message: `backend ${name} is listed twice` });
      }
      seenBackends.add(name);
      const missing = decideBackend(ctx.services, name);
      if (missing) {
        const { code, severity, category, message } = missing;
        ctx.report({ code, severity, category, resource, path, message });
      }
    });
  }
}
