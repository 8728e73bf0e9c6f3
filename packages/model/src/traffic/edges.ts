// Per-cluster counters of one proxy in mesh terms: which service, route and weighted target an
// egress cluster serves, using compile's cluster names (envoy/names.ts). Envoy counts per cluster;
// when one caller reaches a node through several routes, the routes' own stats (Route.stat_prefix)
// tell how many went which way (attribution.ts).
import type { MeshModel } from '../input/mesh-model';
import { names } from '../envoy/names';
import { splitSharedClusters, type Candidate } from './attribution';
import { addBuckets } from './quantiles';
import { isClusterScope, latencyMs, ratePerSecond, type LatencyMs, type ProxyRef, type ScopeTraffic } from './scope-traffic';
import { statusClasses, type StatusClass } from './stat-names';

export type { ProxyRef };

export interface TrafficEdge {
  source: ProxyRef;
  service: string | null;
  route: string | null;
  /** For a gateway source: its gateway route to the service (`<gateway>/<gatewayRoute>`), when only one leads there. */
  gatewayRoute: string | null;
  target: { kind: 'virtualNode'; name: string };
  requests: number;
  rps: number;
  status: Record<StatusClass, number>;
  latencyMs: LatencyMs;
  configuredWeight: number | null;
  measuredShare: number | null;
  /** `estimated` when the caller's stats cannot tell apart routes that share the target (split by weight). */
  attribution: 'exact' | 'estimated';
}

/** Egress cluster name -> the virtual node it reaches. */
export function egressClusterIndex(model: MeshModel): Map<string, string> {
  const index = new Map<string, string>();
  for (const n of model.virtualNodes) {
    for (const l of n.spec.listeners ?? []) {
      index.set(names.egressCluster(model.mesh.meshName, n.virtualNodeName, l.portMapping.protocol, l.portMapping.port), n.virtualNodeName);
    }
  }
  return index;
}

export function routeTargets(spec: MeshModel['routes'][number]['spec']) {
  const r = spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute;
  return r?.action.weightedTargets ?? [];
}

/** The services a source may call: a node's backends, or every service for a gateway or a node without backends. */
function callableServices(model: MeshModel, source: ProxyRef): Set<string> | undefined {
  if (source.kind !== 'virtualNode') return undefined;
  const node = model.virtualNodes.find((n) => n.virtualNodeName === source.name);
  const backends = (node?.spec.backends ?? []).flatMap((b) => (b.virtualService ? [b.virtualService.virtualServiceName] : []));
  return backends.length > 0 ? new Set(backends) : undefined;
}

/** Every service and route (in the model's order) that leads from source to target. */
export function candidates(model: MeshModel, source: ProxyRef, target: string): Candidate[] {
  const callable = callableServices(model, source);
  const out: Candidate[] = [];
  for (const vs of model.virtualServices) {
    if (callable && !callable.has(vs.virtualServiceName)) continue;
    const provider = vs.spec.provider;
    if (provider?.virtualNode?.virtualNodeName === target) out.push({ service: vs.virtualServiceName, router: null, route: null, configuredWeight: null });
    const router = provider?.virtualRouter?.virtualRouterName;
    if (!router) continue;
    for (const r of model.routes.filter((x) => x.virtualRouterName === router)) {
      const targets = routeTargets(r.spec);
      const hit = targets.find((t) => t.virtualNode === target);
      if (!hit) continue;
      const sum = targets.reduce((s, t) => s + t.weight, 0);
      out.push({ service: vs.virtualServiceName, router, route: r.routeName, configuredWeight: sum === 0 ? 0 : Math.round((hit.weight * 1000) / sum) / 10 });
    }
  }
  return out;
}

/** A gateway's one gateway route to a service, or null when none or several lead there. */
function gatewayRouteTo(model: MeshModel, source: ProxyRef, service: string | null): string | null {
  if (source.kind !== 'virtualGateway' || service === null) return null;
  const to = model.gatewayRoutes.filter((r) => {
    if (r.virtualGatewayName !== source.name) return false;
    const s = r.spec;
    return (s.httpRoute ?? s.http2Route ?? s.grpcRoute)?.action.target.virtualService.virtualServiceName === service;
  });
  return to.length === 1 && to[0] ? `${source.name}/${to[0].gatewayRouteName}` : null;
}

const sourceKey = (p: ProxyRef) => `${p.kind}/${p.name}`;

/** One edge per caller, service, route and target; measuredShare within the caller's route. */
export function trafficEdges(model: MeshModel, scopes: readonly ScopeTraffic[], windowSeconds: number): TrafficEdge[] {
  const index = egressClusterIndex(model);
  const bySource = new Map<string, ScopeTraffic[]>();
  for (const s of scopes) bySource.set(sourceKey(s.source), [...(bySource.get(sourceKey(s.source)) ?? []), s]);
  const edges: TrafficEdge[] = [];
  for (const own of bySource.values()) {
    const clusters = own.flatMap((c) => {
      const target = isClusterScope(c.scope) ? index.get(c.scope) : undefined;
      return target && c.requests > 0 ? [{ traffic: c, target, candidates: candidates(model, c.source, target) }] : [];
    });
    for (const part of splitSharedClusters(model, clusters, own)) {
      const { traffic: c, target, candidate: a } = part;
      edges.push({
        source: c.source,
        service: a?.service ?? null,
        route: a?.router ? `${a.router}/${a.route ?? ''}` : null,
        gatewayRoute: gatewayRouteTo(model, c.source, a?.service ?? null),
        target: { kind: 'virtualNode', name: target },
        requests: part.requests,
        rps: ratePerSecond(part.requests, windowSeconds),
        status: Object.fromEntries(statusClasses.map((s) => [s, part.status[s]])) as Record<StatusClass, number>,
        latencyMs: latencyMs(part.latency),
        configuredWeight: a?.configuredWeight ?? null,
        measuredShare: null,
        attribution: part.exact ? 'exact' : 'estimated',
      });
    }
  }
  const key = (e: TrafficEdge) => `${sourceKey(e.source)}|${e.service ?? ''}|${e.route ?? ''}`;
  const totals = new Map<string, number>();
  for (const e of edges) totals.set(key(e), (totals.get(key(e)) ?? 0) + e.requests);
  for (const e of edges) {
    const total = totals.get(key(e)) ?? 0;
    e.measuredShare = e.route === null || total === 0 ? null : Math.round((e.requests / total) * 1000) / 1000;
  }
  return edges.filter((e) => e.requests > 0);
}

/** Latency of several scopes together (the route page's edges, a gateway route's virtual hosts). */
export const mergedLatency = (scopes: readonly ScopeTraffic[]) => scopes.reduce((b, s) => addBuckets(b, s.latency), [] as ScopeTraffic['latency']);
