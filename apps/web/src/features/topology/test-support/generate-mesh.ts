import type { MeshModel } from '@meshwright/model';

/**
 * A synthetic mesh with `nodeCount` virtual nodes shaped like a real estate: each app has a
 * service; every fourth service sits behind a router whose route splits traffic between two
 * versions; each node calls up to two services further down. Deterministic, for benches and tests.
 */
export function generateMesh(nodeCount: number, meshName = `bench-${nodeCount}`): MeshModel {
  const listener = { portMapping: { port: 8080, protocol: 'http' as const } };
  const model: MeshModel = { mesh: { meshName, spec: {} }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [] };
  const apps = Math.max(1, Math.ceil(nodeCount * 0.8));
  let made = 0;
  for (let a = 0; a < apps && made < nodeCount; a++) {
    const service = `svc-${a}.${meshName}.local`;
    const backends = [a * 2 + 1, a * 2 + 2]
      .filter((b) => b < apps)
      .map((b) => ({ virtualService: { virtualServiceName: `svc-${b}.${meshName}.local` } }));
    const v1 = `app-${a}-v1`;
    model.virtualNodes.push({ virtualNodeName: v1, spec: { listeners: [listener], backends } });
    made++;
    if (a % 4 === 0 && made < nodeCount) {
      const v2 = `app-${a}-v2`;
      model.virtualNodes.push({ virtualNodeName: v2, spec: { listeners: [listener], backends } });
      made++;
      const router = `app-${a}-router`;
      model.virtualRouters.push({ virtualRouterName: router, spec: { listeners: [listener] } });
      model.routes.push({
        virtualRouterName: router,
        routeName: 'split',
        spec: { httpRoute: { match: { prefix: '/' }, action: { weightedTargets: [{ virtualNode: v1, weight: 90 }, { virtualNode: v2, weight: 10 }] } } },
      });
      model.virtualServices.push({ virtualServiceName: service, spec: { provider: { virtualRouter: { virtualRouterName: router } } } });
    } else {
      model.virtualServices.push({ virtualServiceName: service, spec: { provider: { virtualNode: { virtualNodeName: v1 } } } });
    }
  }
  return model;
}
