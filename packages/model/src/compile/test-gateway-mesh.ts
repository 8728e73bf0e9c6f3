// A small mesh with a gateway for compile's gateway tests: `gw` in front of `api.svc` (a router
// splitting between api-v1 and api-v2) and `db.svc`'s neighbour `web.svc` (a node).
import type { GatewayRouteSpec } from '../gateway-route/schema';
import type { MeshModel } from '../input/mesh-model';
import type { VirtualGatewaySpec } from '../virtual-gateway/schema';
import { httpRoute, testMesh } from './test-mesh';

export function gatewayMesh(routes: { name: string; spec: GatewayRouteSpec }[], gatewaySpec: Partial<VirtualGatewaySpec> = {}): MeshModel {
  const base = testMesh([{ name: 'split', spec: httpRoute([['api-v1', 80], ['api-v2', 20]]) }]);
  return {
    ...base,
    virtualServices: [...base.virtualServices, { virtualServiceName: 'web.svc', spec: { provider: { virtualNode: { virtualNodeName: 'web' } } } }],
    virtualGateways: [{ virtualGatewayName: 'gw', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], ...gatewaySpec } }],
    gatewayRoutes: routes.map((r) => ({ virtualGatewayName: 'gw', gatewayRouteName: r.name, spec: r.spec })),
  };
}

type HttpBody = NonNullable<GatewayRouteSpec['httpRoute']>;

/** An HTTP gateway route to `service` with the given match and rewrite. */
export const httpGatewayRoute = (service: string, match: HttpBody['match'] = {}, rewrite?: NonNullable<HttpBody['action']['rewrite']>, priority?: number): GatewayRouteSpec => ({
  ...(priority === undefined ? {} : { priority }),
  httpRoute: { match, action: { target: { virtualService: { virtualServiceName: service } }, ...(rewrite ? { rewrite } : {}) } },
});
