// The traffic API's answer laid over the graph: each drawn edge gets the requests that crossed it
// (summed over the API's edges, which are per caller, service, route and target), each virtual
// node and gateway its health. Pure, so the 1,000-node benchmark and the tests run it as the page does.
import type { GatewayRouteTraffic, ProxyHealth, TrafficEdge } from '@meshwright/model';
import type { EdgeTraffic, TopologyEdge, TopologyGraph } from './graph-types';

export interface MeshTrafficAnswer {
  edges: TrafficEdge[];
  gatewayRoutes: GatewayRouteTraffic[];
  proxies: ProxyHealth[];
}

/**
 * The API edges by the drawn edge they cross, keyed `<kind>|<source name>|<target name>` as
 * keyOfDrawn names a drawn edge: one pass over each, so 1,000 nodes overlay in milliseconds.
 */
function indexTraffic(edges: readonly TrafficEdge[]): Map<string, TrafficEdge[]> {
  const index = new Map<string, TrafficEdge[]>();
  const add = (key: string, e: TrafficEdge) => {
    const list = index.get(key);
    if (list) list.push(e);
    else index.set(key, [e]);
  };
  for (const e of edges) {
    if (e.source.kind === 'virtualNode' && e.service !== null) add(`backend|${e.source.name}|${e.service}`, e);
    if (e.route === null) {
      if (e.service !== null) add(`provider|${e.service}|${e.target.name}`, e);
      continue;
    }
    add(`target|${e.route}|${e.target.name}`, e);
    const router = e.route.slice(0, e.route.indexOf('/'));
    add(`route|${router}|${e.route}`, e);
    if (e.service !== null) add(`provider|${e.service}|${router}`, e);
  }
  return index;
}

/** A drawn edge's key in indexTraffic's terms (ids are `<kind>:<name>`; names have no `:`). */
const keyOfDrawn = (edge: TopologyEdge) => `${edge.kind}|${edge.source.slice(edge.source.indexOf(':') + 1)}|${edge.target.slice(edge.target.indexOf(':') + 1)}`;

const sum = (xs: readonly { requests: number; rps: number; status: Record<string, number>; latencyMs: { p99: number | null } }[]): EdgeTraffic | undefined => {
  const requests = xs.reduce((s, x) => s + x.requests, 0);
  if (requests === 0) return undefined;
  const errors = xs.reduce((s, x) => s + (x.status['5xx'] ?? 0), 0);
  const p99s = xs.map((x) => x.latencyMs.p99).filter((p): p is number => p !== null);
  return {
    requests,
    rps: Math.round(xs.reduce((s, x) => s + x.rps, 0) * 100) / 100,
    errors,
    errorShare: errors / requests,
    // The worst caller's p99: quantiles do not add up.
    p99Ms: p99s.length > 0 ? Math.max(...p99s) : null,
  };
};


/** The graph with `traffic` on its edges and `health` on its proxies; the same graph when there is no answer. */
export function withTraffic(graph: TopologyGraph, answer: MeshTrafficAnswer | undefined): TopologyGraph {
  if (!answer || (answer.edges.length === 0 && answer.proxies.length === 0 && answer.gatewayRoutes.length === 0)) return graph;
  const index = indexTraffic(answer.edges);
  const proxies = new Map(answer.proxies.map((p) => [`${p.proxy.kind}:${p.proxy.name}`, p]));
  const edges = graph.edges.map((edge) => {
    let t: EdgeTraffic | undefined;
    if (edge.kind === 'gatewayRoute') {
      // id: gatewayRoute:gatewayRoute:<gateway>/<route>:<path>
      const gr = answer.gatewayRoutes.filter((r) => edge.id.startsWith(`gatewayRoute:gatewayRoute:${r.gatewayRoute}:`));
      t = sum(gr);
    } else {
      t = sum(index.get(keyOfDrawn(edge)) ?? []);
    }
    return t ? { ...edge, traffic: t } : edge;
  });
  const nodes = graph.nodes.map((node) => {
    const h = node.kind === 'virtualNode' || node.kind === 'virtualGateway' ? proxies.get(node.id) : undefined;
    return h && h.state !== 'unknown' ? { ...node, health: h } : node;
  });
  return { ...graph, nodes, edges };
}

/** How an edge looks for its error share: below 1% fine, below 5% worrying, else failing. */
export function errorLevel(share: number): 'ok' | 'warn' | 'bad' {
  return share < 0.01 ? 'ok' : share < 0.05 ? 'warn' : 'bad';
}

/** Stroke width by rate: 1.4 px idle, growing with the log of req/s to 8 px. */
export function edgeWidth(rps: number): number {
  return Math.min(8, 1.6 + Math.log10(1 + rps) * 2.4);
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** "12.3 req/s · 0.4% 5xx · p99 8.1 ms", the hover text and the side panel's line. */
export function edgeTrafficText(t: EdgeTraffic): string {
  return `${t.rps} req/s · ${pct(t.errorShare)} 5xx${t.p99Ms !== null ? ` · p99 ${t.p99Ms} ms` : ''} (${t.requests} requests)`;
}

export function healthText(h: ProxyHealth): string {
  const parts: string[] = [h.state];
  if (h.ejectionsActive > 0) parts.push(`${h.ejectionsActive} ejected now`);
  if (h.ejections > 0) parts.push(`${h.ejections} ejections`);
  if (h.healthCheckFailures > 0) parts.push(`${h.healthCheckFailures} failed health checks`);
  if (h.endpoints !== null && h.healthyEndpoints !== null) parts.push(`${h.healthyEndpoints}/${h.endpoints} endpoints healthy`);
  if (h.downstream) parts.push(`${h.downstream.requests} requests in`);
  return parts.join(' · ');
}

