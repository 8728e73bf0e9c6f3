// Test support: App Mesh specs the BFF tests reuse (the getting-started shapes).
import type { GatewayRouteSpec, RouteSpec, VirtualGatewaySpec, VirtualNodeSpec } from '@aws-sdk/client-app-mesh';

export function nodeSpec(host: string, port = 8080, protocol: 'http' | 'http2' | 'grpc' | 'tcp' = 'http'): VirtualNodeSpec {
  return { listeners: [{ portMapping: { port, protocol } }], serviceDiscovery: { dns: { hostname: host } } };
}

export const routerSpec = (port = 8080) => ({ listeners: [{ portMapping: { port, protocol: 'http' as const } }] });

export function httpRouteSpec(targets: Record<string, number>, prefix = '/'): RouteSpec {
  return {
    httpRoute: {
      match: { prefix },
      action: { weightedTargets: Object.entries(targets).map(([virtualNode, weight]) => ({ virtualNode, weight })) },
    },
  };
}

/** The getting-started mesh as one bundle: two node versions behind a router, a service on the router. */
export function shopBundle(meshName = 'shop') {
  return {
    mesh: { meshName, spec: { egressFilter: { type: 'DROP_ALL' } } },
    virtualNodes: [
      { virtualNodeName: 'web-v1', spec: nodeSpec('web-v1.shop.local') },
      { virtualNodeName: 'web-v2', spec: nodeSpec('web-v2.shop.local') },
      { virtualNodeName: 'client', spec: { ...nodeSpec('client.shop.local', 9000), backends: [{ virtualService: { virtualServiceName: 'web.shop.local' } }] } },
    ],
    virtualRouters: [{ virtualRouterName: 'web-router', spec: routerSpec() }],
    routes: [{ virtualRouterName: 'web-router', routeName: 'split', spec: httpRouteSpec({ 'web-v1': 90, 'web-v2': 10 }) }],
    virtualServices: [{ virtualServiceName: 'web.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } }],
  };
}

/** A gateway with one listener (App Mesh's usual ingress shape). */
export function gatewaySpec(port = 8080, protocol: 'http' | 'http2' | 'grpc' = 'http'): VirtualGatewaySpec {
  return { listeners: [{ portMapping: { port, protocol } }] };
}

/** An HTTP gateway route sending `prefix` to a virtual service, with App Mesh's default rewrites. */
export function gatewayRouteSpec(virtualServiceName: string, prefix = '/'): GatewayRouteSpec {
  return { httpRoute: { match: { prefix }, action: { target: { virtualService: { virtualServiceName } } } } };
}
