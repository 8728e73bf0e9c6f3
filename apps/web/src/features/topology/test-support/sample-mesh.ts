import type { Finding, MeshModel } from '@meshwright/model';

/** A small shop mesh: a weighted split (80/20), a backend call, and two broken references. */
export function sampleMesh(): MeshModel {
  const listener = { portMapping: { port: 8080, protocol: 'http' as const } };
  return {
    mesh: { meshName: 'shop', spec: {} },
    virtualNodes: [
      { virtualNodeName: 'web-v1', spec: { listeners: [listener], backends: [{ virtualService: { virtualServiceName: 'cart.shop.local' } }] } },
      { virtualNodeName: 'web-v2', spec: { listeners: [listener], backends: [{ virtualService: { virtualServiceName: 'payments.shop.local' } }] } },
      { virtualNodeName: 'cart', spec: { listeners: [listener] } },
    ],
    virtualRouters: [{ virtualRouterName: 'web-router', spec: { listeners: [listener] } }],
    routes: [
      {
        virtualRouterName: 'web-router',
        routeName: 'split',
        spec: {
          httpRoute: {
            match: { prefix: '/' },
            action: {
              weightedTargets: [
                { virtualNode: 'web-v1', weight: 80 },
                { virtualNode: 'web-v2', weight: 20 },
              ],
            },
          },
        },
      },
      {
        virtualRouterName: 'web-router',
        routeName: 'canary',
        spec: { httpRoute: { match: { prefix: '/beta' }, action: { weightedTargets: [{ virtualNode: 'web-v3', weight: 1 }] } } },
      },
    ],
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'web.shop.local', spec: { provider: { virtualRouter: { virtualRouterName: 'web-router' } } } },
      { virtualServiceName: 'cart.shop.local', spec: { provider: { virtualNode: { virtualNodeName: 'cart' } } } },
    ],
  };
}

/** What analysis says about `sampleMesh()`: the missing route target and a warning on a node. */
export function sampleFindings(): Finding[] {
  return [
    {
      code: 'route.target-missing',
      severity: 'error',
      category: 'reference',
      resource: { kind: 'route', name: 'web-router/canary' },
      path: 'spec.httpRoute.action.weightedTargets[0].virtualNode',
      message: 'virtual node "web-v3" does not exist in mesh "shop"',
    },
    {
      code: 'node.service-discovery-missing',
      severity: 'warning',
      category: 'consistency',
      resource: { kind: 'virtualNode', name: 'cart' },
      path: 'spec.serviceDiscovery',
      message: 'has listeners but no service discovery',
    },
    { code: 'mesh.exists', severity: 'warning', category: 'spec', resource: { kind: 'mesh', name: 'shop' }, path: 'spec', message: 'egress filter is DROP_ALL' },
  ];
}
