// From the plan's resolved targets (route targets, service providers) to upstream clusters. The
// resolver already left out and reported what cannot be reached; this reports only what Envoy cannot express.
import type { Listener } from '../virtual-node/listener';
import type { BackendPolicy, PlanTarget, Site } from '../resolve/plan';
import { upstreamTls } from './tls';
import { egressCluster, healthCheckProtocol } from './cluster';
import type { EnvoyContext, NodeItem } from './context';
import type { JsonObject } from './json';

/**
 * The cluster for a target listener, created once per compile run, with TLS when the backend's
 * client policy asks for it. Undefined (reported) when that TLS cannot be compiled: never plain text instead.
 */
export function clusterFor(ctx: EnvoyContext, node: NodeItem, listener: Listener, backend: BackendPolicy): string | undefined {
  const { port, protocol } = listener.portMapping;
  const tls = upstreamTls(backend.policy, port, node.spec.serviceDiscovery?.dns?.hostname ?? '', protocol);
  if (tls && 'problem' in tls) {
    ctx.diag.error('compile.tls-unsupported', backend.site.resource,
      `${backend.site.path}.${tls.path}`, `${tls.problem}; compile left "${node.virtualNodeName}" out rather than send plain text`);
    return undefined;
  }
  const cluster = egressCluster(ctx, node, listener, tls?.socket);
  if (!cluster) return undefined;
  const existing = ctx.clusters.get(cluster.name);
  if (existing && JSON.stringify(existing.transport_socket) !== JSON.stringify(cluster.transport_socket)) {
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
export function weightedDestination(ctx: EnvoyContext, targets: PlanTarget[], site: Site, backend: BackendPolicy): JsonObject | undefined {
  const weights = new Map<string, number>();
  for (const t of targets) {
    const cluster = clusterFor(ctx, t.node, t.listener, backend);
    if (cluster && t.weight > 0) weights.set(cluster, (weights.get(cluster) ?? 0) + t.weight);
  }
  if (weights.size === 0) {
    ctx.diag.warn('compile.route-no-target', site.resource, site.path,
      'no target of this route can receive traffic; its requests are answered with 503');
    return undefined;
  }
  const [only] = weights.keys();
  if (weights.size === 1 && only !== undefined) return { cluster: only };
  return { weighted_clusters: { clusters: [...weights].map(([name, weight]) => ({ name, weight })) } };
}
