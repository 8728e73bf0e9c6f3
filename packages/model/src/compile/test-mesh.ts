// A small mesh for compile's unit tests: `web` calls `api` (a router) and `db` (a node, TCP).
import type { MeshModel } from '../input/mesh-model';
import type { RouteSpec } from '../route/schema';
import type { VirtualNodeSpec } from '../virtual-node/schema';

export const dnsNode = (name: string, port = 8080, protocol: 'http' | 'http2' | 'grpc' | 'tcp' = 'http'): MeshModel['virtualNodes'][number] => ({
  virtualNodeName: name,
  spec: { serviceDiscovery: { dns: { hostname: `${name}.local` } }, listeners: [{ portMapping: { port, protocol } }] },
});

export function testMesh(routes: { name: string; spec: RouteSpec }[] = [], webSpec: Partial<VirtualNodeSpec> = {}): MeshModel {
  return {
    mesh: { meshName: 'm', spec: {} },
    virtualNodes: [
      {
        virtualNodeName: 'web',
        spec: {
          serviceDiscovery: { dns: { hostname: 'web.local' } },
          listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
          backends: [{ virtualService: { virtualServiceName: 'db.svc' } }, { virtualService: { virtualServiceName: 'api.svc' } }],
          ...webSpec,
        },
      },
      dnsNode('api-v1'),
      dnsNode('api-v2'),
      dnsNode('db', 5432, 'tcp'),
      { virtualNodeName: 'api-cloudmap', spec: { serviceDiscovery: { awsCloudMap: { namespaceName: 'ns', serviceName: 'api' } }, listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } },
    ],
    virtualRouters: [{ virtualRouterName: 'api-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } }],
    routes: routes.map((r) => ({ virtualRouterName: 'api-router', routeName: r.name, spec: r.spec })),
    virtualGateways: [],
    gatewayRoutes: [],
    virtualServices: [
      { virtualServiceName: 'api.svc', spec: { provider: { virtualRouter: { virtualRouterName: 'api-router' } } } },
      { virtualServiceName: 'db.svc', spec: { provider: { virtualNode: { virtualNodeName: 'db' } } } },
    ],
  };
}

export const httpRoute = (targets: [string, number][], extra: Partial<NonNullable<RouteSpec['httpRoute']>> = {}, priority?: number): RouteSpec => ({
  ...(priority === undefined ? {} : { priority }),
  httpRoute: {
    match: { prefix: '/' },
    action: { weightedTargets: targets.map(([virtualNode, weight]) => ({ virtualNode, weight })) },
    ...extra,
  },
});
