// Test support: a mesh that makes compile use most of what it can emit: health checks, outlier detection, circuit
// breakers, timeouts, a JSON access log, TCP and gRPC backends, retries, header matches, ALLOW_ALL.
import type { MeshModel } from '@meshwright/model';

/** `<name>.<suffix>`, or 127.0.0.1 for every node when the suffix is an IP address (real Envoy runs). */
function host(name: string, suffix: string): string {
  return /^\d+\.\d+\.\d+\.\d+$/.test(suffix) ? suffix : `${name}.${suffix}`;
}

export function richModel(hostSuffix: string, accessLogPath = '/dev/stdout'): MeshModel {
  return {
    mesh: { meshName: 'shop', spec: { egressFilter: { type: 'ALLOW_ALL' } } },
    virtualNodes: [
      {
        virtualNodeName: 'api',
        spec: {
          listeners: [{
            portMapping: { port: 8080, protocol: 'http' },
            healthCheck: { healthyThreshold: 2, unhealthyThreshold: 3, intervalMillis: 5000, timeoutMillis: 2000, protocol: 'http', path: '/ping' },
            outlierDetection: { maxServerErrors: 5, maxEjectionPercent: 50, interval: { unit: 's', value: 10 }, baseEjectionDuration: { unit: 'ms', value: 30000 } },
            connectionPool: { http: { maxConnections: 10, maxPendingRequests: 5 } },
            timeout: { http: { perRequest: { unit: 's', value: 5 }, idle: { unit: 's', value: 60 } } },
          }],
          serviceDiscovery: { dns: { hostname: host('api', hostSuffix) } },
          backends: [{ virtualService: { virtualServiceName: 'db.shop.local' } }, { virtualService: { virtualServiceName: 'cart.shop.local' } }],
          logging: { accessLog: { file: { path: accessLogPath, format: { json: [{ key: 'start', value: '%START_TIME%' }] } } } },
        },
      },
      { virtualNodeName: 'db', spec: { listeners: [{ portMapping: { port: 5432, protocol: 'tcp' } }], serviceDiscovery: { dns: { hostname: host('db', hostSuffix) } } } },
      { virtualNodeName: 'cart-v1', spec: { listeners: [{ portMapping: { port: 9000, protocol: 'grpc' } }], serviceDiscovery: { dns: { hostname: host('cart-v1', hostSuffix) } } } },
      { virtualNodeName: 'cart-v2', spec: { listeners: [{ portMapping: { port: 9000, protocol: 'grpc' } }], serviceDiscovery: { dns: { hostname: host('cart-v2', hostSuffix) } } } },
    ],
    virtualRouters: [{ virtualRouterName: 'cart', spec: { listeners: [{ portMapping: { port: 9000, protocol: 'grpc' } }] } }],
    routes: [{
      virtualRouterName: 'cart',
      routeName: 'split',
      spec: {
        priority: 1,
        grpcRoute: {
          match: { serviceName: 'shop.Cart', metadata: [{ name: 'x-canary', match: { exact: 'yes' } }] },
          action: { weightedTargets: [{ virtualNode: 'cart-v1', weight: 90 }, { virtualNode: 'cart-v2', weight: 10 }] },
          retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: 'ms', value: 500 }, grpcRetryEvents: ['unavailable'] },
          timeout: { perRequest: { unit: 's', value: 2 } },
        },
      },
    }],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'db.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'db' } } } },
      { virtualServiceName: 'cart.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'cart' } } } },
    ],
  };
}
