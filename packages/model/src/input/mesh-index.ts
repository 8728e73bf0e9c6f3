import type { MeshModel } from './mesh-model';

type RouteItem = MeshModel['routes'][number];

/** Name lookups over a mesh model, built once and shared by analysis and compile. */
export interface MeshIndex {
  nodes: Map<string, MeshModel['virtualNodes'][number]>;
  routers: Map<string, MeshModel['virtualRouters'][number]>;
  services: Map<string, MeshModel['virtualServices'][number]>;
  routesByRouter: Map<string, RouteItem[]>;
}

export function indexMeshModel(model: MeshModel): MeshIndex {
  const routesByRouter = new Map<string, RouteItem[]>();
  for (const r of model.routes) {
    const list = routesByRouter.get(r.virtualRouterName) ?? [];
    list.push(r);
    routesByRouter.set(r.virtualRouterName, list);
  }
  return {
    nodes: new Map(model.virtualNodes.map((n) => [n.virtualNodeName, n])),
    routers: new Map(model.virtualRouters.map((r) => [r.virtualRouterName, r])),
    services: new Map(model.virtualServices.map((s) => [s.virtualServiceName, s])),
    routesByRouter,
  };
}
