import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MeshModel } from '../input/mesh-model';
import { trafficEdges, type ClusterTraffic } from './edges';
import { bucketDelta, quantile } from './quantiles';
import { parseClusterStat } from './stat-names';

test('cluster stats the view keeps are parsed, the others are not', () => {
  assert.deepEqual(parseClusterStat('cluster.cds_egress_shop_blue_http_8080.upstream_rq_5xx'), { cluster: 'cds_egress_shop_blue_http_8080', stat: { kind: 'status', statusClass: '5xx' } });
  assert.deepEqual(parseClusterStat('cluster.x.outlier_detection.ejections_enforced_total'), { cluster: 'x', stat: { kind: 'ejection' } });
  assert.equal(parseClusterStat('cluster.x.upstream_cx_total'), undefined);
  assert.equal(parseClusterStat('http.ingress.downstream_rq_total'), undefined);
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

const traffic = (cluster: string, requests: number, errors = 0): ClusterTraffic => ({
  source: { kind: 'virtualNode', name: 'front' },
  cluster,
  requests,
  status: { '2xx': requests - errors, '3xx': 0, '4xx': 0, '5xx': errors },
  latency: [],
});

test('edges name service, route and target, with the configured weight and the measured share', () => {
  const edges = trafficEdges(model, [traffic('cds_egress_shop_blue_http_80', 790), traffic('cds_egress_shop_green_http_80', 210, 3), traffic('cds_egress_shop_allow_all', 5)], 100);
  assert.equal(edges.length, 2, 'clusters of no node are left out');
  const [blue, green] = edges;
  assert.deepEqual({ ...blue, latencyMs: undefined }, {
    source: { kind: 'virtualNode', name: 'front' }, service: 'colors.shop.local', route: 'colors/split', target: { kind: 'virtualNode', name: 'blue' },
    requests: 790, rps: 7.9, status: { '2xx': 790, '3xx': 0, '4xx': 0, '5xx': 0 }, latencyMs: undefined, configuredWeight: 80, measuredShare: 0.79,
  });
  assert.equal(green?.status['5xx'], 3);
  assert.equal(green?.measuredShare, 0.21);
  assert.deepEqual(green?.latencyMs, { p50: null, p90: null, p99: null });
});
