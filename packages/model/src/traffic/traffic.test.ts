import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MeshModel } from '../input/mesh-model';
import { trafficEdges } from './edges';
import { gatewayRouteTraffic } from './gateway-traffic';
import { proxyHealth } from './health';
import { bucketDelta, quantile } from './quantiles';
import type { ScopeTraffic } from './scope-traffic';
import { parseStat, routeScope, trafficStatTails } from './stat-names';

test("every stat parseStat keeps ends in one of trafficStatTails, and a name ending otherwise is never kept", () => {
  const stats = ['upstream_rq_total', 'upstream_rq_time', 'upstream_rq_2xx', 'upstream_rq_3xx', 'upstream_rq_4xx', 'upstream_rq_5xx', 'health_check.failure',
    'outlier_detection.ejections_enforced_total', 'outlier_detection.ejections_active', 'membership_healthy', 'membership_total'];
  const kept = [
    ...stats.map((s) => `cluster.cds_egress_shop_blue_http_8080.${s}`),
    ...['total', '2xx', '3xx', '4xx', '5xx'].map((s) => `http.ingress_http_8080.downstream_rq_${s}`),
    'vhost.blue.shop.local.route.route_r__split.upstream_rq_time',
  ];
  for (const name of kept) {
    assert.ok(parseStat(name), name);
    assert.ok(trafficStatTails.has(name.slice(name.lastIndexOf('.') + 1)), `${name}: its tail is listed`);
  }
  for (const name of ['cluster.x.upstream_cx_total', 'cluster.x.health_check.success', 'http.ingress_http_8080.downstream_cx_total', 'server.uptime']) {
    assert.ok(!trafficStatTails.has(name.slice(name.lastIndexOf('.') + 1)) && parseStat(name) === undefined, name);
  }
});

test('the stats the view keeps are parsed with their scope, the others are not', () => {
  assert.deepEqual(parseStat('cluster.cds_egress_shop_blue_http_8080.upstream_rq_5xx'), { scope: 'cds_egress_shop_blue_http_8080', stat: { kind: 'status', statusClass: '5xx' } });
  assert.deepEqual(parseStat('cluster.x.outlier_detection.ejections_enforced_total'), { scope: 'x', stat: { kind: 'ejection' } });
  assert.deepEqual(parseStat('cluster.x.outlier_detection.ejections_active'), { scope: 'x', stat: { kind: 'gauge', gauge: 'ejectionsActive' } });
  assert.deepEqual(parseStat('cluster.x.membership_healthy'), { scope: 'x', stat: { kind: 'gauge', gauge: 'healthyEndpoints' } });
  assert.equal(parseStat('cluster.x.upstream_cx_total'), undefined);
  assert.deepEqual(parseStat('http.ingress_http_8080.downstream_rq_5xx'), { scope: 'http.ingress_http_8080', stat: { kind: 'status', statusClass: '5xx' } });
  assert.equal(parseStat('http.ingress_http_8080.downstream_cx_total'), undefined);
  const route = parseStat('vhost.colors.shop.local:80.route.route_colors__split.upstream_rq_total');
  assert.deepEqual(route, { scope: 'vhost.colors.shop.local:80.route.route_colors__split', stat: { kind: 'requests' } });
  assert.deepEqual(routeScope(route?.scope ?? ''), { virtualHost: 'colors.shop.local:80', statPrefix: 'route_colors__split' });
});

test('quantiles interpolate inside the bucket; none without samples', () => {
  const b = [{ upperBound: 1, cumulativeCount: 50 }, { upperBound: 10, cumulativeCount: 100 }, { upperBound: Infinity, cumulativeCount: 100 }];
  assert.equal(quantile(b, 0.5), 1);
  assert.equal(quantile(b, 0.9), 8.2);
  assert.equal(quantile([], 0.5), undefined);
  assert.deepEqual(bucketDelta([{ upperBound: 1, cumulativeCount: 7 }], [{ upperBound: 1, cumulativeCount: 5 }]), [{ upperBound: 1, cumulativeCount: 2 }]);
  assert.deepEqual(bucketDelta([{ upperBound: 1, cumulativeCount: 3 }], [{ upperBound: 1, cumulativeCount: 5 }]), [{ upperBound: 1, cumulativeCount: 3 }], 'a restarted Envoy starts over');
});

const model = {
  mesh: { meshName: 'shop', spec: {} },
  virtualNodes: [
    { virtualNodeName: 'front', spec: { backends: [{ virtualService: { virtualServiceName: 'colors.shop.local' } }] } },
    { virtualNodeName: 'blue', spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] } },
    { virtualNodeName: 'green', spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] } },
  ],
  virtualRouters: [{ virtualRouterName: 'colors', spec: { listeners: [{ portMapping: { port: 80, protocol: 'http' } }] } }],
  routes: [{ virtualRouterName: 'colors', routeName: 'split', spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: 'blue', weight: 4 }, { virtualNode: 'green', weight: 1 }] } } } }],
  virtualServices: [{ virtualServiceName: 'colors.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'colors' } } } }],
  virtualGateways: [],
  gatewayRoutes: [],
} as unknown as MeshModel;

const traffic = (scope: string, requests: number, errors = 0, source: ScopeTraffic['source'] = { kind: 'virtualNode', name: 'front' }): ScopeTraffic => ({
  source,
  scope,
  requests,
  status: { '2xx': requests - errors, '3xx': 0, '4xx': 0, '5xx': errors },
  latency: [],
  healthCheckFailures: 0,
  ejections: 0,
});

test('edges name service, route and target, with the configured weight and the measured share', () => {
  const edges = trafficEdges(model, [traffic('cds_egress_shop_blue_http_80', 790), traffic('cds_egress_shop_green_http_80', 210, 3), traffic('cds_egress_shop_allow_all', 5)], 100);
  assert.equal(edges.length, 2, 'clusters of no node are left out');
  const [blue, green] = edges;
  assert.deepEqual({ ...blue, latencyMs: undefined }, {
    source: { kind: 'virtualNode', name: 'front' }, service: 'colors.shop.local', route: 'colors/split', target: { kind: 'virtualNode', name: 'blue' },
    requests: 790, rps: 7.9, status: { '2xx': 790, '3xx': 0, '4xx': 0, '5xx': 0 }, latencyMs: undefined, configuredWeight: 80, measuredShare: 0.79,
    gatewayRoute: null, attribution: 'exact',
  });
  assert.equal(green?.status['5xx'], 3);
  assert.equal(green?.measuredShare, 0.21);
  assert.deepEqual(green?.latencyMs, { p50: null, p90: null, p99: null });
});

// Two routes of one router reach blue: /a sends all to blue, /b splits blue 50 / green 50.
const shared = {
  ...model,
  routes: [
    { virtualRouterName: 'colors', routeName: 'a', spec: { httpRoute: { match: { prefix: '/a' }, action: { weightedTargets: [{ virtualNode: 'blue', weight: 1 }] } } } },
    { virtualRouterName: 'colors', routeName: 'b', spec: { httpRoute: { match: { prefix: '/b' }, action: { weightedTargets: [{ virtualNode: 'blue', weight: 1 }, { virtualNode: 'green', weight: 1 }] } } } },
  ],
} as unknown as MeshModel;

test('routes sharing a target are told apart by their own stats; without them the split is estimated', () => {
  const clusters = [traffic('cds_egress_shop_blue_http_80', 300, 6), traffic('cds_egress_shop_green_http_80', 100, 1)];
  const routeStats = [traffic('vhost.colors.shop.local.route.route_colors__a', 200, 5), traffic('vhost.colors.shop.local.route.route_colors__b', 200, 2)];
  const exact = trafficEdges(shared, [...clusters, ...routeStats], 100);
  const pick = (es: typeof exact, route: string, target: string) => es.find((e) => e.route === route && e.target.name === target);
  assert.equal(pick(exact, 'colors/a', 'blue')?.requests, 200);
  assert.equal(pick(exact, 'colors/a', 'blue')?.status['5xx'], 5);
  assert.equal(pick(exact, 'colors/b', 'blue')?.requests, 100);
  assert.equal(pick(exact, 'colors/b', 'blue')?.status['5xx'], 1);
  assert.equal(pick(exact, 'colors/b', 'green')?.requests, 100);
  assert.equal(pick(exact, 'colors/b', 'blue')?.measuredShare, 0.5);
  assert.ok(exact.every((e) => e.attribution === 'exact'));

  const estimated = trafficEdges(shared, clusters, 100);
  assert.equal(pick(estimated, 'colors/a', 'blue')?.attribution, 'estimated');
  assert.equal((pick(estimated, 'colors/a', 'blue')?.requests ?? 0) + (pick(estimated, 'colors/b', 'blue')?.requests ?? 0), 300, 'the cluster total is kept');
  assert.equal(pick(estimated, 'colors/b', 'green')?.attribution, 'exact');
});

const withGateway = {
  ...model,
  virtualGateways: [{ virtualGatewayName: 'edge', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
  gatewayRoutes: [{ virtualGatewayName: 'edge', gatewayRouteName: 'to-colors', spec: { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'colors.shop.local' } } } } } }],
} as unknown as MeshModel;

test("a gateway's routes count from their own stats over every virtual host; its edges name the gateway route", () => {
  const edge = { kind: 'virtualGateway' as const, name: 'edge' };
  const scopes = [
    traffic('vhost.8080_*.route.gateway_route_to-colors', 40, 2, edge),
    traffic('vhost.8080_colors.example.com.route.gateway_route_to-colors', 10, 0, edge),
    traffic('cds_egress_shop_blue_http_80', 50, 2, edge),
  ];
  const [gr] = gatewayRouteTraffic(withGateway, scopes, 10);
  assert.deepEqual({ ...gr, latencyMs: undefined }, { source: edge, gatewayRoute: 'edge/to-colors', service: 'colors.shop.local', requests: 50, rps: 5, status: { '2xx': 48, '3xx': 0, '4xx': 0, '5xx': 2 }, latencyMs: undefined });
  const [e] = trafficEdges(withGateway, scopes, 10);
  assert.equal(e?.gatewayRoute, 'edge/to-colors');
  assert.equal(e?.service, 'colors.shop.local');
});

test("health: callers' ejections and failing checks mark the target, listeners' counters the proxy itself", () => {
  const blue = { ...traffic('cds_egress_shop_blue_http_80', 10), ejections: 2, gauges: { ejectionsActive: 1, healthyEndpoints: 1, endpoints: 2 } };
  const green = { ...traffic('cds_egress_shop_green_http_80', 0), healthCheckFailures: 3, gauges: { healthyEndpoints: 0, endpoints: 1 } };
  const ingress = traffic('http.ingress_http_80', 7, 1, { kind: 'virtualNode', name: 'blue' });
  const health = proxyHealth(model, [blue, green, ingress, traffic('http.egress', 9)]);
  const of = (name: string) => health.find((h) => h.proxy.name === name);
  assert.deepEqual({ ...of('blue') }, { proxy: { kind: 'virtualNode', name: 'blue' }, state: 'degraded', ejectionsActive: 1, ejections: 2, healthCheckFailures: 0, healthyEndpoints: 1, endpoints: 2, downstream: { requests: 7, status: { '2xx': 6, '3xx': 0, '4xx': 0, '5xx': 1 } } });
  assert.equal(of('green')?.state, 'unhealthy');
  assert.equal(of('green')?.healthCheckFailures, 3);
  assert.equal(of('front'), undefined, 'egress connection managers are not what reached a proxy');
});
