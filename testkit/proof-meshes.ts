// Meshes that exercise every compile feature, addressed at 127.0.0.1 so a real Envoy can run them.
import type { MeshModel } from '@meshwright/model';

export interface ShopPorts {
  /** Listener ports of the upstream nodes, by node name. */
  upstream: Record<string, number>;
}

/**
 * A shop: `front` calls `catalog` (router: header, prefix, weighted, retry and priority routes),
 * `stock` (a node provider), `ledger` (TCP) and `search` (gRPC over HTTP/2).
 */
export function shopMesh(ports: ShopPorts, egressFilter: 'ALLOW_ALL' | 'DROP_ALL' = 'DROP_ALL', logPath = '/dev/stdout'): MeshModel {
  const port = (name: string) => ports.upstream[name] ?? 8080;
  const node = (name: string, protocol: 'http' | 'http2' | 'grpc' | 'tcp' = 'http', extra: object = {}) => ({
    virtualNodeName: name,
    spec: {
      serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
      listeners: [{ portMapping: { port: port(name), protocol }, ...extra }],
    },
  });
  return {
    mesh: { meshName: 'shop', spec: { egressFilter: { type: egressFilter } } },
    virtualNodes: [
      {
        virtualNodeName: 'front',
        spec: {
          serviceDiscovery: { dns: { hostname: '127.0.0.1' } },
          listeners: [
            {
              portMapping: { port: port('front'), protocol: 'http' },
              timeout: { http: { perRequest: { unit: 's', value: 10 }, idle: { unit: 's', value: 60 } } },
              connectionPool: { http: { maxConnections: 100, maxPendingRequests: 50 } },
            },
          ],
          backends: ['catalog.shop.local', 'stock.shop.local', 'ledger.shop.local', 'search.shop.local'].map((n) => ({
            virtualService: { virtualServiceName: n },
          })),
          logging: {
            accessLog: {
              file: {
                path: logPath,
                format: { json: [{ key: 'authority', value: '%REQ(:AUTHORITY)%' }, { key: 'path', value: '%REQ(:PATH)%' }, { key: 'code', value: '%RESPONSE_CODE%' }] },
              },
            },
          },
        },
      },
      node('catalog-v1', 'http', {
        healthCheck: { protocol: 'http', path: '/health', healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000 },
        outlierDetection: { maxServerErrors: 5, interval: { unit: 's', value: 10 }, baseEjectionDuration: { unit: 's', value: 30 }, maxEjectionPercent: 50 },
      }),
      node('catalog-v2'),
      node('catalog-beta'),
      node('catalog-flaky'),
      node('stock'),
      node('ledger', 'tcp'),
      node('search', 'grpc', { connectionPool: { grpc: { maxRequests: 10 } } }),
    ],
    virtualRouters: [
      { virtualRouterName: 'catalog-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } },
      { virtualRouterName: 'ledger-router', spec: { listeners: [{ portMapping: { port: 9000, protocol: 'tcp' } }] } },
      { virtualRouterName: 'search-router', spec: { listeners: [{ portMapping: { port: 50051, protocol: 'grpc' } }] } },
    ],
    routes: [
      {
        virtualRouterName: 'catalog-router',
        routeName: 'beta-header',
        spec: {
          priority: 1,
          httpRoute: {
            match: { prefix: '/', headers: [{ name: 'x-beta', match: { exact: 'yes' } }] },
            action: { weightedTargets: [{ virtualNode: 'catalog-beta', weight: 1 }] },
          },
        },
      },
      {
        virtualRouterName: 'catalog-router',
        routeName: 'flaky',
        spec: {
          priority: 2,
          httpRoute: {
            match: { prefix: '/flaky', method: 'GET' },
            action: { weightedTargets: [{ virtualNode: 'catalog-flaky', weight: 1 }] },
            retryPolicy: { maxRetries: 2, perRetryTimeout: { unit: 'ms', value: 2000 }, httpRetryEvents: ['server-error'], tcpRetryEvents: ['connection-error'] },
          },
        },
      },
      {
        virtualRouterName: 'catalog-router',
        routeName: 'v2-prefix',
        spec: {
          priority: 3,
          httpRoute: {
            match: { prefix: '/v2', queryParameters: [{ name: 'debug' }], headers: [{ name: 'x-old', invert: true, match: { range: { start: 1, end: 5 } } }] },
            action: { weightedTargets: [{ virtualNode: 'catalog-v2', weight: 1 }] },
            timeout: { perRequest: { unit: 's', value: 5 }, idle: { unit: 's', value: 30 } },
          },
        },
      },
      {
        virtualRouterName: 'catalog-router',
        routeName: 'v2-prefix-shadowed',
        spec: {
          priority: 4,
          httpRoute: { match: { prefix: '/v2' }, action: { weightedTargets: [{ virtualNode: 'catalog-beta', weight: 1 }] } },
        },
      },
      {
        virtualRouterName: 'catalog-router',
        routeName: 'split',
        spec: {
          priority: 10,
          httpRoute: {
            match: { prefix: '/' },
            action: { weightedTargets: [{ virtualNode: 'catalog-v1', weight: 80 }, { virtualNode: 'catalog-v2', weight: 20 }] },
          },
        },
      },
      {
        virtualRouterName: 'ledger-router',
        routeName: 'ledger',
        spec: { tcpRoute: { action: { weightedTargets: [{ virtualNode: 'ledger', weight: 1 }] }, timeout: { idle: { unit: 's', value: 300 } } } },
      },
      {
        virtualRouterName: 'search-router',
        routeName: 'search',
        spec: {
          grpcRoute: {
            match: { serviceName: 'shop.Search', metadata: [{ name: 'tenant', match: { prefix: 'acme' } }] },
            action: { weightedTargets: [{ virtualNode: 'search', weight: 1 }] },
            retryPolicy: { maxRetries: 1, perRetryTimeout: { unit: 's', value: 1 }, grpcRetryEvents: ['unavailable', 'cancelled'] },
          },
        },
      },
    ],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'catalog.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'catalog-router' } } } },
      { virtualServiceName: 'stock.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'stock' } } } },
      { virtualServiceName: 'ledger.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'ledger-router' } } } },
      { virtualServiceName: 'search.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'search-router' } } } },
    ],
  };
}

/** Certificate files for the corner mesh's TLS (they must exist: Envoy loads them when it validates). */
export interface CornerCerts {
  caCert: string;
  serverCert: string;
  serverKey: string;
}

/**
 * The corners: a node with five listeners (one ingress listener, a filter chain per port), STRICT
 * and PERMISSIVE TLS, TLS it cannot compile (ACM), a Cloud Map target, http2 and gRPC health
 * checks, TLS to a backend, a text access log.
 */
export function cornerMesh(certs: CornerCerts): MeshModel {
  const cert = { file: { certificateChain: certs.serverCert, privateKey: certs.serverKey } };
  const hc = { healthyThreshold: 2, unhealthyThreshold: 3, intervalMillis: 10000, timeoutMillis: 2000 };
  return {
    mesh: { meshName: 'corners', spec: { serviceDiscovery: { ipPreference: 'IPv6_PREFERRED' } } },
    virtualNodes: [
      {
        virtualNodeName: 'multi',
        spec: {
          serviceDiscovery: { dns: { hostname: 'multi.corners.local', responseType: 'ENDPOINTS' } },
          listeners: [
            { portMapping: { port: 8080, protocol: 'http' }, timeout: { http: { perRequest: { unit: 'ms', value: 0 } } } },
            { portMapping: { port: 8443, protocol: 'http2' }, healthCheck: { ...hc, protocol: 'http2', path: '/h' }, connectionPool: { http2: { maxRequests: 5 } } },
            { portMapping: { port: 9000, protocol: 'tcp' }, timeout: { tcp: { idle: { unit: 's', value: 0 } } }, connectionPool: { tcp: { maxConnections: 3 } } },
            {
              portMapping: { port: 7000, protocol: 'grpc' },
              healthCheck: { ...hc, protocol: 'grpc' },
              tls: { mode: 'STRICT', certificate: cert, validation: { trust: { file: { certificateChain: certs.caCert } } } },
            },
            { portMapping: { port: 6000, protocol: 'http' }, tls: { mode: 'PERMISSIVE', certificate: cert } },
            { portMapping: { port: 5000, protocol: 'http' }, tls: { mode: 'STRICT', certificate: { acm: { certificateArn: 'arn:aws:acm:eu-west-1:111122223333:certificate/x' } } } },
          ],
          backendDefaults: { clientPolicy: { tls: { ports: [8443], validation: { trust: { file: { certificateChain: certs.caCert } }, subjectAlternativeNames: { match: { exact: ['multi.corners.local'] } } } } } },
          backends: [{ virtualService: { virtualServiceName: 'multi.corners.local' } }, { virtualService: { virtualServiceName: 'far.corners.local' } }],
          logging: { accessLog: { file: { path: '/tmp/mw-corners-access.log', format: { text: '%REQ(:AUTHORITY)% %RESPONSE_CODE%' } } } },
        },
      },
      {
        virtualNodeName: 'far',
        spec: {
          serviceDiscovery: { awsCloudMap: { namespaceName: 'corners.local', serviceName: 'far' } },
          listeners: [{ portMapping: { port: 8080, protocol: 'http' } }],
        },
      },
    ],
    virtualRouters: [{ virtualRouterName: 'far-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    routes: [
      {
        virtualRouterName: 'far-router',
        routeName: 'far',
        spec: { httpRoute: { match: { path: { exact: '/only' } }, action: { weightedTargets: [{ virtualNode: 'far', weight: 1 }] } } },
      },
    ],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'multi.corners.local', spec: { provider: { virtualNode: { virtualNodeName: 'multi' } } } },
      { virtualServiceName: 'far.corners.local', spec: { provider: { virtualRouter: { virtualRouterName: 'far-router' } } } },
    ],
  };
}
