import type { MeshModel } from './mesh-model';

type RouteItem = MeshModel['routes'][number];

/** Name lookups over a mesh model, built once and shared by analysis and compile. */
export interface MeshIndex {
  nodes: Map<string, MeshModel['virtualNodes'][number]>;
  routers: Map<string, MeshModel['virtualRouters'][number]>;
  services: Map<string, MeshModel['virtualServices'][number]>;
  routesByRouter: Map<string, RouteItem[]>;
}

/** Items by the name of their container (routes by router, gateway routes by gateway), in model order. */
export function groupBy<T>(items: readonly T[], containerOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = containerOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

export function indexMeshModel(model: MeshModel): MeshIndex {
  const routesByRouter = groupBy(model.routes, (r) => r.virtualRouterName);
  return {
    nodes: new Map(model.virtualNodes.map((n) => [n.virtualNodeName, n])),
    routers: new Map(model.virtualRouters.map((r) => [r.virtualRouterName, r])),
    services: new Map(model.virtualServices.map((s) => [s.virtualServiceName, s])),
    routesByRouter,
  };
}
