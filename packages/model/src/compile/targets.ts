// From virtual node names (route targets, service providers) to upstream clusters, reporting every
// target compile has to leave out.
import type { PortProtocol } from '../common/primitives';
import type { ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import type { WeightedTarget } from '../route/schema';
import type { Listener } from '../virtual-node/listener';
import type { ClientPolicy } from '../virtual-node/tls';
import { upstreamTls } from './tls';
import { egressCluster, healthCheckProtocol } from './cluster';
import type { CompileContext, NodeItem } from './context';
import type { JsonObject } from './json';

/** Where a target is written, for diagnostics. */
export interface Site {
  resource: ResourceId;
  path: string;
}

const httpFamily = (p: PortProtocol) => p !== 'tcp';

/** The listener of `nodeName` that traffic for `port` reaches, or undefined (reported). */
export function targetListener(ctx: CompileContext, nodeName: string, port: number | undefined, site: Site): { node: NodeItem; listener: Listener } | undefined {
  const node = ctx.nodes.get(nodeName);
  const leaveOut = (code: CompileDiagnosticCode, message: string, category: 'reference' | 'consistency' = 'consistency'): undefined => {
    ctx.diag.warn(code, site.resource, site.path, `${message}; compile left this target out`, category);
    return undefined;
  };
  if (!node) return leaveOut('compile.target-missing', `virtual node "${nodeName}" does not exist`, 'reference');
  const listeners = node.spec.listeners ?? [];
  if (listeners.length === 0) return leaveOut('compile.target-no-listener', `virtual node "${nodeName}" has no listener`);
  let listener: Listener | undefined;
  if (port !== undefined) {
    listener = listeners.find((l) => l.portMapping.port === port);
    if (!listener) return leaveOut('compile.target-port-mismatch', `virtual node "${nodeName}" has no listener on port ${port}`);
  } else if (listeners.length === 1) {
    listener = listeners[0];
  } else {
    return leaveOut('compile.target-port-ambiguous', `virtual node "${nodeName}" has several listeners: the target needs a port`);
  }
  if (!listener) return undefined;
  if (node.spec.serviceDiscovery?.awsCloudMap) {
    return leaveOut('compile.cloud-map-unsupported', `virtual node "${nodeName}" uses AWS Cloud Map, which Envoy cannot resolve by DNS`);
  }
  if (!node.spec.serviceDiscovery?.dns) {
    return leaveOut('compile.target-no-service-discovery', `virtual node "${nodeName}" has no DNS service discovery, so no address to send to`);
  }
  return { node, listener };
}

/** The client policy of the backend a target is reached through, and where it is written. */
export interface BackendPolicy {
  policy: ClientPolicy | undefined;
  site: Site;
}

/**
 * The cluster for a target listener, created once per compile run, with TLS when the backend's
 * client policy asks for it. Undefined (reported) when that TLS cannot be compiled: never plain text instead.
 */
export function clusterFor(ctx: CompileContext, node: NodeItem, listener: Listener, backend?: BackendPolicy): string | undefined {
  const { port, protocol } = listener.portMapping;
  const tls = upstreamTls(backend?.policy, port, node.spec.serviceDiscovery?.dns?.hostname ?? '', protocol);
  if (tls && 'problem' in tls) {
    ctx.diag.error('compile.tls-unsupported', backend?.site.resource ?? { kind: 'virtualNode', name: ctx.self.virtualNodeName },
      `${backend?.site.path ?? ''}.${tls.path}`, `${tls.problem}; compile left "${node.virtualNodeName}" out rather than send plain text`);
    return undefined;
  }
  const cluster = egressCluster(ctx, node, listener, tls?.socket);
  if (!cluster) return undefined;
  const existing = ctx.clusters.get(cluster.name);
  if (existing && backend && JSON.stringify(existing.transport_socket) !== JSON.stringify(cluster.transport_socket)) {
    ctx.diag.warn('compile.client-policy-conflict', backend.site.resource, backend.site.path,
      `"${node.virtualNodeName}" port ${port} is also reached through a backend with another TLS client policy; the first backend in name order decides`);
  }
  if (!existing) {
    ctx.clusters.set(cluster.name, cluster);
    const hc = listener.healthCheck;
    const i = (node.spec.listeners ?? []).indexOf(listener);
    const nodeId = { kind: 'virtualNode' as const, name: node.virtualNodeName };
    if (hc && (hc.protocol === 'http' || hc.protocol === 'http2') && hc.path === undefined) {
      ctx.diag.warn('compile.health-check-path-default', nodeId, `spec.listeners[${i}].healthCheck.path`, 'an http health check has no path; compile checks "/"');
    }
    if (hc && healthCheckProtocol(hc, listener.portMapping.protocol) !== hc.protocol) {
      ctx.diag.warn('compile.health-check-grpc-needs-http2', nodeId, `spec.listeners[${i}].healthCheck.protocol`,
        `Envoy checks gRPC health only over HTTP/2, and this listener speaks ${listener.portMapping.protocol}; compile checks that a TCP connection opens instead`);
    }
  }
  return cluster.name;
}

/**
 * A route action's destination: `cluster` for one target, `weighted_clusters` for several.
 * Zero-weight targets get no traffic and are left out (Envoy needs a positive total).
 */
export function weightedDestination(ctx: CompileContext, targets: WeightedTarget[], protocol: PortProtocol, site: Site, backend?: BackendPolicy): JsonObject | undefined {
  const weights = new Map<string, number>();
  targets.forEach((t, i) => {
    const tsite = { resource: site.resource, path: `${site.path}[${i}]` };
    const found = targetListener(ctx, t.virtualNode, t.port, { ...tsite, path: `${tsite.path}.virtualNode` });
    if (!found) return;
    const targetProtocol = found.listener.portMapping.protocol;
    if (httpFamily(targetProtocol) !== httpFamily(protocol)) {
      ctx.diag.warn('compile.target-protocol-mismatch', site.resource, `${tsite.path}.virtualNode`,
        `a ${protocol} route cannot send to the ${targetProtocol} listener of "${t.virtualNode}"; compile left this target out`);
      return;
    }
    const cluster = clusterFor(ctx, found.node, found.listener, backend);
    if (cluster && t.weight > 0) weights.set(cluster, (weights.get(cluster) ?? 0) + t.weight);
  });
  if (weights.size === 0) {
    ctx.diag.warn('compile.route-no-target', site.resource, site.path,
      'no target of this route can receive traffic; its requests are answered with 503');
    return undefined;
  }
  const [only] = weights.keys();
  if (weights.size === 1 && only !== undefined) return { cluster: only };
  return { weighted_clusters: { clusters: [...weights].map(([name, weight]) => ({ name, weight })) } };
}
