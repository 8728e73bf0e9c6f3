// Lookups over the mesh model and the state one compile run accumulates.
import type { MeshModel } from '../input/mesh-model';
import type { MeshSpec } from '../mesh/schema';
import type { Diagnostics } from './diagnostics';
import type { EnvoyResource, JsonValue } from './json';
import type { ResolvedOptions } from './options';

export type NodeItem = MeshModel['virtualNodes'][number];
export type RouterItem = MeshModel['virtualRouters'][number];
export type RouteItem = MeshModel['routes'][number];
export type ServiceItem = MeshModel['virtualServices'][number];

export interface CompileContext {
  meshName: string;
  /** The node whose Envoy is being configured. */
  self: NodeItem;
  opts: ResolvedOptions;
  diag: Diagnostics;
  nodes: Map<string, NodeItem>;
  routers: Map<string, RouterItem>;
  routesByRouter: Map<string, RouteItem[]>;
  services: Map<string, ServiceItem>;
  /** Upstream clusters by name, created the first time a route or service needs them. */
  clusters: Map<string, EnvoyResource>;
  /** The mesh-wide address family preference, used where a node sets none. */
  meshIpPreference: NonNullable<MeshSpec['serviceDiscovery']>['ipPreference'];
  /** What happens to hosts that are not backends: DROP_ALL answers them, ALLOW_ALL forwards them. */
  meshEgressFilter: 'DROP_ALL' | 'ALLOW_ALL';
  /** The node's access log configuration, or undefined when it logs nothing. */
  accessLog: JsonValue[] | undefined;
}

export function indexModel(model: MeshModel): Pick<CompileContext, 'nodes' | 'routers' | 'routesByRouter' | 'services'> {
  const routesByRouter = new Map<string, RouteItem[]>();
  for (const r of model.routes) {
    const list = routesByRouter.get(r.virtualRouterName) ?? [];
    list.push(r);
    routesByRouter.set(r.virtualRouterName, list);
  }
  return {
    nodes: new Map(model.virtualNodes.map((n) => [n.virtualNodeName, n])),
    routers: new Map(model.virtualRouters.map((r) => [r.virtualRouterName, r])),
    routesByRouter,
    services: new Map(model.virtualServices.map((s) => [s.virtualServiceName, s])),
  };
}
