// The shop mesh with an ingress gateway in front of it, for the gateway rules' tests: one http
// listener on 8080 and two prefix routes, `/catalog/` to the catalog router and `/` to the frontend.
import shop from '../../../../examples/shop-bundle.json' with { type: 'json' };
import type { Mutable } from '../analysis/test-cases';

export function shopWithGateway(): Mutable & Required<Pick<Mutable, 'virtualGateways' | 'gatewayRoutes'>> {
  return {
    ...(structuredClone(shop) as unknown as Mutable),
    virtualGateways: [
      {
        virtualGatewayName: 'ingress',
        spec: {
          listeners: [
            {
              portMapping: { port: 8080, protocol: 'http' },
              healthCheck: { protocol: 'http', path: '/health', healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000 },
            },
          ],
          logging: { accessLog: { file: { path: '/dev/stdout' } } },
        },
      },
    ],
    gatewayRoutes: [
      {
        virtualGatewayName: 'ingress',
        gatewayRouteName: 'catalog',
        spec: { httpRoute: { match: { prefix: '/catalog/' }, action: { target: { virtualService: { virtualServiceName: 'catalog.shop.local' }, port: 9080 } } } },
      },
      {
        virtualGatewayName: 'ingress',
        gatewayRouteName: 'frontend',
        spec: { httpRoute: { match: { prefix: '/' }, action: { target: { virtualService: { virtualServiceName: 'frontend.shop.local' } } } } },
      },
    ],
  };
}
