// The meshes the gateway specs start from, created in one call as a script would.
import { expect, type Api } from './fixtures';

/** The demo mesh (web.local behind web-router) plus, when `routes` is set, gateway `ingress` (http on `listenerPort`) with routes to web.local. */
export async function createGatewayMesh(api: Api, meshName: string, routes: { name: string; prefix: string }[] = [], listenerPort = 8080): Promise<void> {
  await api.createDemoMesh(meshName);
  if (routes.length === 0) return;
  const gateway = await api.request('PUT', `/v20190125/meshes/${meshName}/virtualGateways`, {
    virtualGatewayName: 'ingress',
    spec: { listeners: [{ portMapping: { port: listenerPort, protocol: 'http' } }] },
  });
  expect(gateway.status, JSON.stringify(gateway.json)).toBe(200);
  for (const r of routes) {
    const res = await api.request('PUT', `/v20190125/meshes/${meshName}/virtualGateway/ingress/gatewayRoutes`, {
      gatewayRouteName: r.name,
      spec: { httpRoute: { match: { prefix: r.prefix }, action: { target: { virtualService: { virtualServiceName: 'web.local' } } } } },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  }
}
