import type { MeshModel } from '../input/mesh-model';
import type { TagRef } from '../tags/schema';
import type { AnalysisContext, NamedKind } from './context';
import type { ResourceId } from './finding';
import type { FindingCode } from './finding-codes';
import { gatewayId, nodeId, routeId, routerId } from './context';
import { weightedTargetsOf } from '../route/rules';

// Quotas (configurable limits) and duplicate names, which a bundle can contain but a mesh cannot.

type Report = AnalysisContext['report'];
const over = (report: Report, resource: ResourceId, code: FindingCode, message: string, path = '') => report({ code, category: 'quota', resource, path, message });

/** The mesh's own quotas and conflicts: the mesh count, its name, how many resources of each kind it holds, its tags. */
export function checkMeshQuotas(ctx: AnalysisContext): void {
  const { quotas, model } = ctx;
  const mesh = { kind: 'mesh' as const, name: model.mesh.meshName };
  const exceeds = (code: FindingCode, count: number, limit: number, what: string) => over(ctx.report, mesh, code, `${count} ${what} exceed the limit of ${limit}`);

  if (ctx.meshExists) {
    ctx.report({ code: 'mesh.exists', category: 'conflict', resource: mesh, path: 'meshName', message: `a mesh named ${mesh.name} already exists` });
  }
  if (ctx.meshCount !== undefined && ctx.meshCount > quotas.meshes) exceeds('quota.meshes', ctx.meshCount, quotas.meshes, 'meshes');
  if (model.virtualNodes.length > quotas.virtualNodesPerMesh) exceeds('quota.virtual-nodes', model.virtualNodes.length, quotas.virtualNodesPerMesh, 'virtual nodes in this mesh');
  if (model.virtualServices.length > quotas.virtualServicesPerMesh) exceeds('quota.virtual-services', model.virtualServices.length, quotas.virtualServicesPerMesh, 'virtual services in this mesh');
  if (model.virtualRouters.length > quotas.virtualRoutersPerMesh) exceeds('quota.virtual-routers', model.virtualRouters.length, quotas.virtualRoutersPerMesh, 'virtual routers in this mesh');
  if (model.virtualGateways.length > quotas.virtualGatewaysPerMesh) exceeds('quota.virtual-gateways', model.virtualGateways.length, quotas.virtualGatewaysPerMesh, 'virtual gateways in this mesh');
  checkTagQuota(ctx, mesh, model.mesh.tags);
}

export function checkRoutesPerRouter(ctx: AnalysisContext, router: string, routes: readonly unknown[]): void {
  if (routes.length > ctx.quotas.routesPerRouter) {
    over(ctx.report, routerId(router), 'quota.routes-per-router', `${routes.length} routes exceed the limit of ${ctx.quotas.routesPerRouter} per router`);
  }
}

export function checkGatewayRoutesPerGateway(ctx: AnalysisContext, gateway: string, routes: readonly unknown[]): void {
  if (routes.length > ctx.quotas.gatewayRoutesPerGateway) {
    over(ctx.report, gatewayId(gateway), 'quota.gateway-routes-per-gateway', `${routes.length} gateway routes exceed the limit of ${ctx.quotas.gatewayRoutesPerGateway} per virtual gateway`);
  }
}

export function checkBackendsQuota(ctx: AnalysisContext, node: MeshModel['virtualNodes'][number]): void {
  const count = node.spec.backends?.length ?? 0;
  if (count > ctx.quotas.backendsPerNode) {
    over(ctx.report, nodeId(node.virtualNodeName), 'quota.backends-per-node', `${count} backends exceed the limit of ${ctx.quotas.backendsPerNode} per virtual node`, 'spec.backends');
  }
}

export function checkTargetsQuota(ctx: AnalysisContext, route: MeshModel['routes'][number]): void {
  const count = weightedTargetsOf(route.spec).length;
  if (count > ctx.quotas.targetsPerRoute) {
    over(ctx.report, routeId(route.virtualRouterName, route.routeName), 'quota.targets-per-route', `${count} weighted targets exceed the limit of ${ctx.quotas.targetsPerRoute} per route`, 'spec');
  }
}

export function checkTagQuota(ctx: AnalysisContext, resource: ResourceId, tags: readonly TagRef[] | undefined): void {
  // Distinct keys: a resource never holds a key twice (the API keeps the last value of a repeated key).
  const count = new Set((tags ?? []).map((t) => t.key)).size;
  if (count > ctx.quotas.tagsPerResource) {
    over(ctx.report, resource, 'quota.tags-per-resource', `${count} tags exceed the limit of ${ctx.quotas.tagsPerResource} per resource`, 'tags');
  }
}

/** Where each kind's name is written, for the findings about a name used twice. */
export const nameFields: Record<NamedKind, string> = {
  virtualNode: 'virtualNodeName',
  virtualRouter: 'virtualRouterName',
  virtualService: 'virtualServiceName',
  route: 'routeName',
  virtualGateway: 'virtualGatewayName',
  gatewayRoute: 'gatewayRouteName',
};

/** Names a bundle can hold twice but a mesh cannot, one kind at a time. */
export function checkDuplicateNames(ctx: AnalysisContext, kind: NamedKind): void {
  for (const name of duplicates(ctx.namesOf(kind))) {
    ctx.report({ code: 'name.duplicate', resource: { kind, name }, path: nameFields[kind], message: `another ${kind} is already named ${name}` });
  }
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const n of names) (seen.has(n) ? dups : seen).add(n);
  return [...dups];
}
