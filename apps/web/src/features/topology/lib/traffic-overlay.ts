// The traffic API's answer laid over the graph: each drawn edge gets the requests that crossed it
// (summed over the API's edges, which are per caller, service, route and target), each virtual
// node and gateway its health. Pure, so the 1,000-node benchmark and the tests run it as the page does.
import type { GatewayRouteTraffic, ProxyHealth, TrafficEdge } from '@meshwright/model';
import { type EdgeTraffic, type TopologyEdge, type TopologyGraph, type TopologyNode } from './graph-types';

export interface MeshTrafficAnswer {
  edges: TrafficEdge[];
  gatewayRoutes: GatewayRouteTraffic[];
  proxies: ProxyHealth[];
}

/** Which API edges cross a drawn edge, by its kind and ends. */
function crosses(edge: TopologyEdge, e: TrafficEdge): boolean {
  const [sk, ...sn] = edge.source.split(':');
  const [tk, ...tn] = edge.target.split(':');
  const source = sn.join(':');
  const target = tn.join(':');
  switch (edge.kind) {
    case 'target': // route -> node
      return sk === 'route' && e.route === source && e.target.name === target;
    case 'backend': // node -> service
      return e.source.kind === 'virtualNode' && e.source.name === source && e.service === target;
    case 'provider': // service -> router, or service -> node
      return e.service === source && (tk === 'virtualNode' ? e.route === null && e.target.name === target : e.route !== null && e.route.startsWith(`${target}/`));
    case 'route': // router -> route
      return e.route === target && target.startsWith(`${source}/`);
    default:
      return false;
  }
}

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

function healthOf(node: TopologyNode, proxies: readonly ProxyHealth[]): ProxyHealth | undefined {
  if (node.kind !== 'virtualNode' && node.kind !== 'virtualGateway') return undefined;
  return proxies.find((p) => p.proxy.kind === node.kind && p.proxy.name === node.name);
}

/** The graph with `traffic` on its edges and `health` on its proxies; the same graph when there is no answer. */
export function withTraffic(graph: TopologyGraph, answer: MeshTrafficAnswer | undefined): TopologyGraph {
  if (!answer || (answer.edges.length === 0 && answer.proxies.length === 0 && answer.gatewayRoutes.length === 0)) return graph;
  const edges = graph.edges.map((edge) => {
    let t: EdgeTraffic | undefined;
    if (edge.kind === 'gatewayRoute') {
      // id: gatewayRoute:gatewayRoute:<gateway>/<route>:<path>
      const gr = answer.gatewayRoutes.filter((r) => edge.id.startsWith(`gatewayRoute:gatewayRoute:${r.gatewayRoute}:`));
      t = sum(gr);
    } else {
      t = sum(answer.edges.filter((e) => crosses(edge, e)));
    }
    return t ? { ...edge, traffic: t } : edge;
  });
  const nodes = graph.nodes.map((node) => {
    const h = healthOf(node, answer.proxies);
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

