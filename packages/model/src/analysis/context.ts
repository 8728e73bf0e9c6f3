import { groupBy, indexMeshModel, type MeshIndex } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import type { Finding, FindingCategory, ResourceId, Severity } from './finding';

/**
 * Limits App Mesh calls quotas, all configurable. meshwright's per-mesh defaults for nodes, services
 * and routers are higher than App Mesh's; the others are App Mesh's defaults.
 */
export interface Quotas {
  meshes: number;
  virtualNodesPerMesh: number;
  virtualServicesPerMesh: number;
  virtualRoutersPerMesh: number;
  routesPerRouter: number;
  backendsPerNode: number;
  targetsPerRoute: number;
  tagsPerResource: number;
  virtualGatewaysPerMesh: number;
  gatewayRoutesPerGateway: number;
}

export const defaultQuotas: Quotas = {
  meshes: 100,
  virtualNodesPerMesh: 2000,
  virtualServicesPerMesh: 2000,
  virtualRoutersPerMesh: 2000,
  routesPerRouter: 50,
  backendsPerNode: 50,
  targetsPerRoute: 10,
  tagsPerResource: 50,
  // App Mesh's defaults in Service Quotas (service code appmesh): "Virtual gateways per mesh"
  // L-87E74146 = 3 and "Gateway routes per virtual gateway" L-F6F26D09 = 10, both adjustable.
  virtualGatewaysPerMesh: 3,
  gatewayRoutesPerGateway: 10,
};

export interface AnalyzeOptions {
  quotas?: Partial<Quotas>;
  /** How many meshes exist in total, for the mesh quota (the store knows; a file does not). */
  meshCount?: number;
  /** Whether a mesh of this name is already stored (the store knows; a file does not): creating it again conflicts. */
  meshExists?: boolean;
  /** Folders under which Envoy may write access logs (besides /dev/stdout and /dev/stderr); /var/log/envoy when absent. */
  accessLogRoots?: readonly string[];
}

/** Where Envoy may write an access log unless the operator configures other roots (ACCESS_LOG_ROOTS). */
export const defaultAccessLogRoots: readonly string[] = ['/var/log/envoy'];

type GatewayItem = MeshModel['virtualGateways'][number];
type GatewayRouteItem = MeshModel['gatewayRoutes'][number];

/** The mesh index plus the gateway lookups only analysis needs. */
export interface AnalysisIndex extends MeshIndex {
  gateways: Map<string, GatewayItem>;
  gatewayRoutesByGateway: Map<string, GatewayRouteItem[]>;
}

export function indexForAnalysis(model: MeshModel): AnalysisIndex {
  const gatewayRoutesByGateway = groupBy(model.gatewayRoutes, (r) => r.virtualGatewayName);
  return { ...indexMeshModel(model), gateways: new Map(model.virtualGateways.map((g) => [g.virtualGatewayName, g])), gatewayRoutesByGateway };
}

/** The kinds whose names must be unique in a mesh (routes and gateway routes within their container). */
export type NamedKind = 'virtualNode' | 'virtualRouter' | 'virtualService' | 'route' | 'virtualGateway' | 'gatewayRoute';

/** Every name of one kind in `model`, in model order; routes and gateway routes as `<container>/<name>`. */
export function namesIn(model: MeshModel, kind: NamedKind): string[] {
  switch (kind) {
    case 'virtualNode':
      return model.virtualNodes.map((n) => n.virtualNodeName);
    case 'virtualRouter':
      return model.virtualRouters.map((n) => n.virtualRouterName);
    case 'virtualService':
      return model.virtualServices.map((n) => n.virtualServiceName);
    case 'route':
      return model.routes.map((r) => `${r.virtualRouterName}/${r.routeName}`);
    case 'virtualGateway':
      return model.virtualGateways.map((g) => g.virtualGatewayName);
    case 'gatewayRoute':
      return model.gatewayRoutes.map((r) => `${r.virtualGatewayName}/${r.gatewayRouteName}`);
  }
}

/** Lookups shared by the rules, built once per analysis. */
export interface AnalysisContext extends AnalysisIndex {
  /** namesIn(model, kind): a read of which resources of a kind exist, not of what they hold. */
  namesOf: (kind: NamedKind) => string[];
  model: MeshModel;
  quotas: Quotas;
  meshCount: number | undefined;
  meshExists: boolean;
  accessLogRoots: readonly string[];
  report: (f: Omit<Finding, 'severity' | 'category'> & { severity?: Severity; category?: FindingCategory }) => void;
  findings: Finding[];
}

/** A context over `index` (the model's, or a view of it that records reads); rules report into `findings`. */
export function createContext(model: MeshModel, options: AnalyzeOptions = {}, index: AnalysisIndex = indexForAnalysis(model)): AnalysisContext {
  const ctx: AnalysisContext = {
    model,
    quotas: { ...defaultQuotas, ...options.quotas },
    meshCount: options.meshCount,
    meshExists: options.meshExists ?? false,
    accessLogRoots: options.accessLogRoots ?? defaultAccessLogRoots,
    ...index,
    namesOf: (kind) => namesIn(model, kind),
    findings: [],
    // Through ctx, so an incremental analysis can collect each subject's findings apart.
    report: (f) => ctx.findings.push({ severity: 'error', category: 'consistency', ...f }),
  };
  return ctx;
}
export const nodeId = (name: string): ResourceId => ({ kind: 'virtualNode', name });
export const routerId = (name: string): ResourceId => ({ kind: 'virtualRouter', name });
export const serviceId = (name: string): ResourceId => ({ kind: 'virtualService', name });
export const routeId = (router: string, route: string): ResourceId => ({ kind: 'route', name: `${router}/${route}` });
export const gatewayId = (name: string): ResourceId => ({ kind: 'virtualGateway', name });
export const gatewayRouteId = (gateway: string, route: string): ResourceId => ({ kind: 'gatewayRoute', name: `${gateway}/${route}` });
