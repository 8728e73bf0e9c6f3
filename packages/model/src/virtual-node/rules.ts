import type { AnalysisContext } from '../analysis/context';
import { nodeId } from '../analysis/context';
import { checkEnvoyOwnerSpec, type EnvoyOwnerRuleCodes } from '../analysis/envoy-owner-rules';
import type { MeshModel } from '../input/mesh-model';
import { decideBackend, decideListenerTimeout } from '../resolve/decide';

const nodeCodes: EnvoyOwnerRuleCodes = {
  duplicateListenerPort: 'node.duplicate-listener-port',
  accessLogPathNotAllowed: 'node.access-log-path-not-allowed',
  healthCheckPortMismatch: 'node.health-check-port-mismatch',
  healthCheckPathMissing: 'node.health-check-path-missing',
  healthCheckPathNotHttp: 'node.health-check-path-not-http',
  healthCheckPathIgnored: 'node.health-check-path-ignored',
  connectionPoolProtocolMismatch: 'node.connection-pool-protocol-mismatch',
};

type NodeItem = MeshModel['virtualNodes'][number];

/** Rules about one virtual node's own spec and its backends. */
export function checkVirtualNode(ctx: AnalysisContext, node: NodeItem): void {
  const resource = nodeId(node.virtualNodeName);
  const { spec } = node;
  const listeners = spec.listeners ?? [];
  checkEnvoyOwnerSpec(ctx, resource, { listeners, logging: spec.logging }, nodeCodes);

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

  // The one listener rule a gateway has no counterpart for: its listeners carry no timeout.
  listeners.forEach((listener, i) => {
    const timeout = decideListenerTimeout(listener);
    if (timeout) ctx.report({ code: timeout.code, severity: timeout.severity, category: timeout.category, resource, path: `spec.listeners[${i}].${timeout.path}`, message: timeout.message });
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
