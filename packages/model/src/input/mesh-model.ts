import type { MeshSpec } from '../mesh/schema';
import type { RouteSpec } from '../route/schema';
import type { TagRef } from '../tags/schema';
import type { VirtualNodeSpec } from '../virtual-node/schema';
import type { VirtualRouterSpec } from '../virtual-router/schema';
import type { VirtualServiceSpec } from '../virtual-service/schema';
import type { Bundle } from './bundle';
import type { VirtualGatewaySpec } from '../virtual-gateway/schema';
import type { GatewayRouteSpec } from '../gateway-route/schema';

/**
 * A whole mesh as analysis and compile read it: every resource with its name and spec, nothing
 * else. The console's draft, the store and the CLI's files all become one of these.
 */
export interface MeshModel {
  mesh: { meshName: string; spec: MeshSpec; tags?: TagRef[] };
  virtualNodes: { virtualNodeName: string; spec: VirtualNodeSpec; tags?: TagRef[] }[];
  virtualRouters: { virtualRouterName: string; spec: VirtualRouterSpec; tags?: TagRef[] }[];
  routes: { virtualRouterName: string; routeName: string; spec: RouteSpec; tags?: TagRef[] }[];
  virtualServices: { virtualServiceName: string; spec: VirtualServiceSpec; tags?: TagRef[] }[];
  virtualGateways: { virtualGatewayName: string; spec: VirtualGatewaySpec; tags?: TagRef[] }[];
  /** Each gateway route names its gateway, as routes name their router. */
  gatewayRoutes: { virtualGatewayName: string; gatewayRouteName: string; spec: GatewayRouteSpec; tags?: TagRef[] }[];
}

function withTags<T extends object>(item: T, tags: TagRef[] | undefined): T & { tags?: TagRef[] } {
  return tags === undefined ? item : { ...item, tags };
}

/** Turns a validated bundle into a mesh model (the items' meshName is implied by the bundle). */
export function meshModelFromBundle(bundle: Bundle): MeshModel {
  return {
    mesh: withTags({ meshName: bundle.mesh.meshName, spec: bundle.mesh.spec ?? {} }, bundle.mesh.tags),
    virtualNodes: bundle.virtualNodes.map((n) => withTags({ virtualNodeName: n.virtualNodeName, spec: n.spec }, n.tags)),
    virtualRouters: bundle.virtualRouters.map((r) => withTags({ virtualRouterName: r.virtualRouterName, spec: r.spec }, r.tags)),
    routes: bundle.routes.map((r) =>
      withTags({ virtualRouterName: r.virtualRouterName, routeName: r.routeName, spec: r.spec }, r.tags),
    ),
    virtualServices: bundle.virtualServices.map((s) =>
      withTags({ virtualServiceName: s.virtualServiceName, spec: s.spec }, s.tags),
    ),
    virtualGateways: bundle.virtualGateways.map((g) =>
      withTags({ virtualGatewayName: g.virtualGatewayName, spec: g.spec }, g.tags),
    ),
    gatewayRoutes: bundle.gatewayRoutes.map((r) =>
      withTags({ virtualGatewayName: r.virtualGatewayName, gatewayRouteName: r.gatewayRouteName, spec: r.spec }, r.tags),
    ),
  };
}

/** The bundle (CLI-input items) that describes a mesh model, for downloads and the atomic create. */
export function bundleFromMeshModel(model: MeshModel): Bundle {
  const meshName = model.mesh.meshName;
  return {
    mesh: withTags({ meshName, spec: model.mesh.spec }, model.mesh.tags),
    virtualNodes: model.virtualNodes.map((n) => withTags({ meshName, virtualNodeName: n.virtualNodeName, spec: n.spec }, n.tags)),
    virtualRouters: model.virtualRouters.map((r) =>
      withTags({ meshName, virtualRouterName: r.virtualRouterName, spec: r.spec }, r.tags),
    ),
    routes: model.routes.map((r) =>
      withTags({ meshName, virtualRouterName: r.virtualRouterName, routeName: r.routeName, spec: r.spec }, r.tags),
    ),
    virtualServices: model.virtualServices.map((s) =>
      withTags({ meshName, virtualServiceName: s.virtualServiceName, spec: s.spec }, s.tags),
    ),
    virtualGateways: model.virtualGateways.map((g) =>
      withTags({ meshName, virtualGatewayName: g.virtualGatewayName, spec: g.spec }, g.tags),
    ),
    gatewayRoutes: model.gatewayRoutes.map((r) =>
      withTags({ meshName, virtualGatewayName: r.virtualGatewayName, gatewayRouteName: r.gatewayRouteName, spec: r.spec }, r.tags),
    ),
  };
}
