// From the plan's resolved targets (route targets, service providers) to upstream clusters. The
// resolver already left out and reported what cannot be reached; this reports only what Envoy cannot express.
import type { Listener } from '../virtual-node/listener';
import type { BackendPolicy, PlanTarget, Site } from '../resolve/plan';
import { upstreamTls } from './tls';
import { egressCluster, healthCheckProtocol } from './cluster';
import type { NodeItem, TargetContext } from './context';
import type { DiagnosticSink } from './diagnostics';
import type { EnvoyResource, JsonObject } from './json';

/** A target cluster a route or service reaches, and the node listener it was built from. */
export interface ClusterUse {
  cluster: EnvoyResource;
  node: NodeItem;
  listener: Listener;
}

/**
 * Where clusterFor puts what it finds: the clusters routes reach, and TLS it cannot compile (reported
 * where the backend's client policy is written). A gateway's compile registers them at once
 * (directTargets); a node's compile keeps them per backend service, to hand back on later runs.
 */
export interface TargetSink {
  use(use: ClusterUse, backend: BackendPolicy): void;
  tlsUnsupported(backend: BackendPolicy, path: string, message: string): void;
}

/** A proxy's target clusters by name; the first backend (in name order) to reach a name decides its TLS. */
export class TargetClusters {
  readonly byName = new Map<string, EnvoyResource>();

  add(diag: DiagnosticSink, { cluster, node, listener }: ClusterUse, site: Site): void {
    const existing = this.byName.get(cluster.name);
    if (existing) {
      if (JSON.stringify(existing.transport_socket) !== JSON.stringify(cluster.transport_socket)) {
        diag.warn('compile.client-policy-conflict', site.resource, site.path,
          `"${node.virtualNodeName}" port ${listener.portMapping.port} is also reached through a backend with another TLS client policy; the first backend in name order decides`);
      }
      return;
    }
    this.byName.set(cluster.name, cluster);
    const hc = listener.healthCheck;
    const i = (node.spec.listeners ?? []).indexOf(listener);
    const nodeId = { kind: 'virtualNode' as const, name: node.virtualNodeName };
    if (hc && (hc.protocol === 'http' || hc.protocol === 'http2') && hc.path === undefined) {
      diag.warn('compile.health-check-path-default', nodeId, `spec.listeners[${i}].healthCheck.path`, 'an http health check has no path; compile checks "/"');
    }
    if (hc && healthCheckProtocol(hc, listener.portMapping.protocol) !== hc.protocol) {
      diag.warn('compile.health-check-grpc-needs-http2', nodeId, `spec.listeners[${i}].healthCheck.protocol`,
        `Envoy checks gRPC health only over HTTP/2, and this listener speaks ${listener.portMapping.protocol}; compile checks that a TCP connection opens instead`);
    }
  }
}

/** A sink that registers every target as it is met, reporting TLS problems at the backend's site. */
export function directTargets(diag: DiagnosticSink, clusters: TargetClusters): TargetSink {
  return {
    use: (use, backend) => clusters.add(diag, use, backend.site),
    tlsUnsupported: (backend, path, message) => diag.error('compile.tls-unsupported', backend.site.resource, `${backend.site.path}.${path}`, message),
  };
}

/**
 * The cluster for a target listener, with TLS when the backend's client policy asks for it. Undefined
 * (reported) when that TLS cannot be compiled: never plain text instead.
 */
export function clusterFor(ctx: TargetContext, node: NodeItem, listener: Listener, backend: BackendPolicy): string | undefined {
  const { port, protocol } = listener.portMapping;
  const tls = upstreamTls(backend.policy, port, node.spec.serviceDiscovery?.dns?.hostname ?? '', protocol);
  if (tls && 'problem' in tls) {
    ctx.targets.tlsUnsupported(backend, tls.path, `${tls.problem}; compile left "${node.virtualNodeName}" out rather than send plain text`);
    return undefined;
  }
  const cluster = egressCluster(ctx, node, listener, tls?.socket);
  if (!cluster) return undefined;
  ctx.targets.use({ cluster, node, listener }, backend);
  return cluster.name;
}

/**
 * A route action's destination: `cluster` for one target, `weighted_clusters` for several.
 * Zero-weight targets get no traffic and are left out (Envoy needs a positive total).
 */
export function weightedDestination(ctx: TargetContext, targets: PlanTarget[], site: Site, backend: BackendPolicy): JsonObject | undefined {
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
