import type { AnalysisContext } from '../analysis/context';
import { nodeId } from '../analysis/context';
import { decideBackend, decideListenerTimeout, duplicateListenerPorts, type Failed } from '../resolve/decide';
import { accessLogPathProblem } from './access-log-path';

const httpLike = new Set(['http', 'http2']);

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
      const { port, protocol } = listener.portMapping;
      const report = (f: Failed, path: string) => ctx.report({ code: f.code, severity: f.severity, category: f.category, resource, path, message: f.message });
      const clash = clashes.get(i);
      if (clash) report(clash, `${base}.portMapping.port`);

      const hc = listener.healthCheck;
      if (hc) {
        if (hc.port !== undefined && hc.port !== port) {
          ctx.report({
            code: 'node.health-check-port-mismatch',
            category: 'spec',
            resource,
            path: `${base}.healthCheck.port`,
            message: `health check port ${hc.port} does not match the listener port ${port}`,
          });
        }
        if (hc.path !== undefined && !httpLike.has(hc.protocol)) {
          ctx.report({
            code: 'node.health-check-path-not-http',
            category: 'spec',
            resource,
            path: `${base}.healthCheck.path`,
            message: `a path only applies to http and http2 health checks, not ${hc.protocol}`,
          });
        }
        if (hc.path === undefined && httpLike.has(hc.protocol)) {
          ctx.report({
            code: 'node.health-check-path-missing',
            category: 'spec',
            resource,
            path: `${base}.healthCheck.path`,
            message: `an ${hc.protocol} health check needs a path, such as /health`,
          });
        }
      }
      const timeout = decideListenerTimeout(listener);
      if (timeout) report(timeout, `${base}.${timeout.path}`);
      const poolKind = listener.connectionPool && Object.keys(listener.connectionPool)[0];
      if (poolKind && poolKind !== protocol) {
        ctx.report({
          code: 'node.connection-pool-protocol-mismatch',
          category: 'spec',
          resource,
          path: `${base}.connectionPool.${poolKind}`,
          message: `a ${poolKind} connection pool does not apply to a ${protocol} listener; use connectionPool.${protocol}`,
        });
      }
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
