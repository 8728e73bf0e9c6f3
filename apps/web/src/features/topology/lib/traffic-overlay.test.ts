import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProxyHealth, TrafficEdge } from '@meshwright/model';
import { sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import { edgeTrafficText, edgeWidth, errorLevel, withTraffic } from './traffic-overlay';

const status = (requests: number, errors: number) => ({ '2xx': requests - errors, '3xx': 0, '4xx': 0, '5xx': errors });
const edge = (source: string, service: string, route: string | null, target: string, requests: number, errors = 0, p99: number | null = null): TrafficEdge => ({
  source: { kind: 'virtualNode', name: source }, service, route, gatewayRoute: null, target: { kind: 'virtualNode', name: target },
  requests, rps: requests / 300, status: status(requests, errors), latencyMs: { p50: null, p90: null, p99 }, configuredWeight: null, measuredShare: null, attribution: 'exact',
});
const health = (name: string, state: ProxyHealth['state']): ProxyHealth => ({
  proxy: { kind: 'virtualNode', name }, state, ejectionsActive: state === 'degraded' ? 1 : 0, ejections: 0, healthCheckFailures: 0, healthyEndpoints: 1, endpoints: 1, downstream: null,
});

describe('traffic over the topology', () => {
  // web-v1 calls cart (cart.shop.local, provided by cart directly); a caller's route split reaches web-v1 and web-v2.
  const answer = {
    edges: [
      edge('web-v1', 'cart.shop.local', null, 'cart', 3000, 30, 8.1),
      edge('caller', 'web.shop.local', 'web-router/split', 'web-v1', 600, 0, 2),
      edge('caller', 'web.shop.local', 'web-router/split', 'web-v2', 150, 15, 5),
    ],
    gatewayRoutes: [],
    proxies: [health('cart', 'degraded'), health('web-v2', 'unknown')],
  };
  const graph = withTraffic(buildGraph(sampleMesh()), answer);
  const find = (source: string, target: string) => graph.edges.find((e) => e.source === source && e.target === target);

  it('each drawn edge carries what crossed it: route targets, the router fan-in, backends and direct providers', () => {
    assert.equal(find('route:web-router/split', 'virtualNode:web-v1')?.traffic?.requests, 600);
    assert.equal(find('route:web-router/split', 'virtualNode:web-v2')?.traffic?.errorShare, 0.1);
    assert.equal(find('virtualRouter:web-router', 'route:web-router/split')?.traffic?.requests, 750);
    assert.equal(find('virtualService:web.shop.local', 'virtualRouter:web-router')?.traffic?.requests, 750);
    assert.equal(find('virtualNode:web-v1', 'virtualService:cart.shop.local')?.traffic?.requests, 3000);
    assert.deepEqual(find('virtualService:cart.shop.local', 'virtualNode:cart')?.traffic, { requests: 3000, rps: 10, errors: 30, errorShare: 0.01, p99Ms: 8.1 });
    assert.equal(find('route:web-router/canary', 'virtualNode:web-v3')?.traffic, undefined, 'no traffic, nothing drawn');
  });

  it('proxies carry their health, except where the stats know nothing', () => {
    assert.equal(graph.nodes.find((n) => n.id === 'virtualNode:cart')?.health?.state, 'degraded');
    assert.equal(graph.nodes.find((n) => n.id === 'virtualNode:web-v2')?.health, undefined);
  });

  it('no answer, or an empty one, leaves the graph as it was', () => {
    const plain = buildGraph(sampleMesh());
    assert.equal(withTraffic(plain, undefined), plain);
    assert.equal(withTraffic(plain, { edges: [], gatewayRoutes: [], proxies: [] }), plain);
  });

  it('width grows with the rate, colour with the error share, and the text gives the numbers', () => {
    assert.ok(edgeWidth(0) < edgeWidth(10) && edgeWidth(10) < edgeWidth(1000) && edgeWidth(1e9) === 8);
    assert.deepEqual([errorLevel(0), errorLevel(0.02), errorLevel(0.1)], ['ok', 'warn', 'bad']);
    assert.equal(edgeTrafficText({ requests: 3000, rps: 10, errors: 30, errorShare: 0.01, p99Ms: 8.1 }), '10 req/s · 1% 5xx · p99 8.1 ms (3000 requests)');
  });
});
