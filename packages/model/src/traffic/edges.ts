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

/** Every service and route (in the model's order) that leads to each node, whoever calls. */
function candidateIndex(model: MeshModel): Map<string, Candidate[]> {
  const routesOf = new Map<string, MeshModel['routes']>();
  for (const r of model.routes) routesOf.set(r.virtualRouterName, [...(routesOf.get(r.virtualRouterName) ?? []), r]);
  const index = new Map<string, Candidate[]>();
  const add = (node: string, c: Candidate) => index.set(node, [...(index.get(node) ?? []), c]);
  for (const vs of model.virtualServices) {
    const provider = vs.spec.provider;
    const direct = provider?.virtualNode?.virtualNodeName;
    if (direct) add(direct, { service: vs.virtualServiceName, router: null, route: null, configuredWeight: null });
    const router = provider?.virtualRouter?.virtualRouterName;
    if (!router) continue;
    for (const r of routesOf.get(router) ?? []) {
      const targets = routeTargets(r.spec);
      const sum = targets.reduce((s, t) => s + t.weight, 0);
      for (const hit of targets) {
        // A node named twice in one route is one candidate (its first weight, as Envoy's first cluster entry).
        if ((index.get(hit.virtualNode) ?? []).some((c) => c.service === vs.virtualServiceName && c.router === router && c.route === r.routeName)) continue;
        add(hit.virtualNode, { service: vs.virtualServiceName, router, route: r.routeName, configuredWeight: sum === 0 ? 0 : Math.round((hit.weight * 1000) / sum) / 10 });
      }
    }
  }
  return index;
}

/** Every service and route (in the model's order) that leads from source to target. */
export function candidates(model: MeshModel, source: ProxyRef, target: string, index = candidateIndex(model)): Candidate[] {
  const callable = callableServices(model, source);
  return (index.get(target) ?? []).filter((c) => !callable || callable.has(c.service));
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
  const leadsTo = candidateIndex(model);
  const bySource = new Map<string, ScopeTraffic[]>();
  for (const s of scopes) {
    const list = bySource.get(sourceKey(s.source));
    if (list) list.push(s);
    else bySource.set(sourceKey(s.source), [s]);
  }
  const edges: TrafficEdge[] = [];
  for (const own of bySource.values()) {
    const source = own[0]?.source;
    const callable = source && callableServices(model, source);
    const clusters = own.flatMap((c) => {
      const target = isClusterScope(c.scope) ? index.get(c.scope) : undefined;
      const to = target === undefined ? [] : (leadsTo.get(target) ?? []).filter((x) => !callable || callable.has(x.service));
      return target && c.requests > 0 ? [{ traffic: c, target, candidates: to }] : [];
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
