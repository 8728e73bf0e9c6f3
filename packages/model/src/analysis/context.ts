import type { MeshModel } from '../input/mesh-model';
import type { Finding, FindingCategory, ResourceId, Severity } from './finding';

/** Limits App Mesh calls quotas. meshwright's defaults are higher than App Mesh's and configurable. */
export interface Quotas {
  meshes: number;
  virtualNodesPerMesh: number;
  virtualServicesPerMesh: number;
  virtualRoutersPerMesh: number;
  routesPerRouter: number;
  backendsPerNode: number;
  targetsPerRoute: number;
}

export const defaultQuotas: Quotas = {
  meshes: 100,
  virtualNodesPerMesh: 2000,
  virtualServicesPerMesh: 2000,
  virtualRoutersPerMesh: 2000,
  routesPerRouter: 50,
  backendsPerNode: 50,
  targetsPerRoute: 10,
};

export interface AnalyzeOptions {
  quotas?: Partial<Quotas>;
  /** How many meshes exist in total, for the mesh quota (the store knows; a file does not). */
  meshCount?: number;
}

type NodeItem = MeshModel['virtualNodes'][number];
type RouterItem = MeshModel['virtualRouters'][number];
type RouteItem = MeshModel['routes'][number];
type ServiceItem = MeshModel['virtualServices'][number];

/** Lookups shared by the rules, built once per analysis. */
export interface AnalysisContext {
  model: MeshModel;
  quotas: Quotas;
  meshCount: number | undefined;
  nodes: Map<string, NodeItem>;
  routers: Map<string, RouterItem>;
  services: Map<string, ServiceItem>;
  routesByRouter: Map<string, RouteItem[]>;
  report: (f: Omit<Finding, 'severity' | 'category'> & { severity?: Severity; category?: FindingCategory }) => void;
  findings: Finding[];
}

export function createContext(model: MeshModel, options: AnalyzeOptions = {}): AnalysisContext {
  const findings: Finding[] = [];
  const routesByRouter = new Map<string, RouteItem[]>();
  for (const r of model.routes) {
    const list = routesByRouter.get(r.virtualRouterName) ?? [];
    list.push(r);
    routesByRouter.set(r.virtualRouterName, list);
  }
  return {
    model,
    quotas: { ...defaultQuotas, ...options.quotas },
    meshCount: options.meshCount,
    nodes: new Map(model.virtualNodes.map((n) => [n.virtualNodeName, n])),
    routers: new Map(model.virtualRouters.map((r) => [r.virtualRouterName, r])),
    services: new Map(model.virtualServices.map((s) => [s.virtualServiceName, s])),
    routesByRouter,
    findings,
    report: (f) => findings.push({ severity: 'error', category: 'consistency', ...f }),
  };
}

export const nodeId = (name: string): ResourceId => ({ kind: 'virtualNode', name });
export const routerId = (name: string): ResourceId => ({ kind: 'virtualRouter', name });
export const serviceId = (name: string): ResourceId => ({ kind: 'virtualService', name });
export const routeId = (router: string, route: string): ResourceId => ({ kind: 'route', name: `${router}/${route}` });
