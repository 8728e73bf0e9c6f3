import type { AnalysisContext } from './context';
import type { FindingCode } from './finding-codes';
import { gatewayId, gatewayRouteId, nodeId, routeId, routerId, serviceId } from './context';
import { weightedTargetsOf } from '../route/rules';

/** Quotas (configurable limits) and duplicate names, which a bundle can contain but a mesh cannot. */
export function checkQuotasAndNames(ctx: AnalysisContext): void {
  const { quotas, model } = ctx;
  const mesh = { kind: 'mesh' as const, name: model.mesh.meshName };
  const over = (code: FindingCode, count: number, limit: number, what: string) =>
    ctx.report({ code, category: 'quota', resource: mesh, path: '', message: `${count} ${what} exceed the limit of ${limit}` });

  if (ctx.meshExists) {
    ctx.report({ code: 'mesh.exists', category: 'conflict', resource: mesh, path: 'meshName', message: `a mesh named ${mesh.name} already exists` });
  }
  if (ctx.meshCount !== undefined && ctx.meshCount > quotas.meshes) over('quota.meshes', ctx.meshCount, quotas.meshes, 'meshes');
  if (model.virtualNodes.length > quotas.virtualNodesPerMesh) over('quota.virtual-nodes', model.virtualNodes.length, quotas.virtualNodesPerMesh, 'virtual nodes in this mesh');
  if (model.virtualServices.length > quotas.virtualServicesPerMesh) over('quota.virtual-services', model.virtualServices.length, quotas.virtualServicesPerMesh, 'virtual services in this mesh');
  if (model.virtualRouters.length > quotas.virtualRoutersPerMesh) over('quota.virtual-routers', model.virtualRouters.length, quotas.virtualRoutersPerMesh, 'virtual routers in this mesh');
  if (model.virtualGateways.length > quotas.virtualGatewaysPerMesh) over('quota.virtual-gateways', model.virtualGateways.length, quotas.virtualGatewaysPerMesh, 'virtual gateways in this mesh');

  for (const [router, routes] of ctx.routesByRouter) {
    if (routes.length > quotas.routesPerRouter) {
      ctx.report({ code: 'quota.routes-per-router', category: 'quota', resource: routerId(router), path: '', message: `${routes.length} routes exceed the limit of ${quotas.routesPerRouter} per router` });
    }
  }
  const gatewayRouteCounts = new Map<string, number>();
  for (const r of model.gatewayRoutes) gatewayRouteCounts.set(r.virtualGatewayName, (gatewayRouteCounts.get(r.virtualGatewayName) ?? 0) + 1);
  for (const [gateway, count] of gatewayRouteCounts) {
    if (count > quotas.gatewayRoutesPerGateway) {
      ctx.report({ code: 'quota.gateway-routes-per-gateway', category: 'quota', resource: gatewayId(gateway), path: '', message: `${count} gateway routes exceed the limit of ${quotas.gatewayRoutesPerGateway} per virtual gateway` });
    }
  }
  for (const node of model.virtualNodes) {
    const count = node.spec.backends?.length ?? 0;
    if (count > quotas.backendsPerNode) {
      ctx.report({ code: 'quota.backends-per-node', category: 'quota', resource: nodeId(node.virtualNodeName), path: 'spec.backends', message: `${count} backends exceed the limit of ${quotas.backendsPerNode} per virtual node` });
    }
  }
  for (const route of model.routes) {
    const count = weightedTargetsOf(route.spec).length;
    if (count > quotas.targetsPerRoute) {
      ctx.report({ code: 'quota.targets-per-route', category: 'quota', resource: routeId(route.virtualRouterName, route.routeName), path: 'spec', message: `${count} weighted targets exceed the limit of ${quotas.targetsPerRoute} per route` });
    }
  }

  // Distinct keys: a resource never holds a key twice (the API keeps the last value of a repeated key).
  const tagged = [
    [mesh, model.mesh.tags],
    ...model.virtualNodes.map((n) => [nodeId(n.virtualNodeName), n.tags] as const),
    ...model.virtualRouters.map((r) => [routerId(r.virtualRouterName), r.tags] as const),
    ...model.routes.map((r) => [routeId(r.virtualRouterName, r.routeName), r.tags] as const),
    ...model.virtualServices.map((s) => [serviceId(s.virtualServiceName), s.tags] as const),
    ...model.virtualGateways.map((g) => [gatewayId(g.virtualGatewayName), g.tags] as const),
    ...model.gatewayRoutes.map((r) => [gatewayRouteId(r.virtualGatewayName, r.gatewayRouteName), r.tags] as const),
  ] as const;
  for (const [resource, tags] of tagged) {
    const count = new Set((tags ?? []).map((t) => t.key)).size;
    if (count > quotas.tagsPerResource) {
      ctx.report({ code: 'quota.tags-per-resource', category: 'quota', resource, path: 'tags', message: `${count} tags exceed the limit of ${quotas.tagsPerResource} per resource` });
    }
  }

  const dup = (kind: Parameters<typeof ctx.report>[0]['resource'], path: string) =>
    ctx.report({ code: 'name.duplicate', resource: kind, path, message: `another ${kind.kind} is already named ${kind.name}` });
  duplicates(model.virtualNodes.map((n) => n.virtualNodeName)).forEach((n) => dup(nodeId(n), 'virtualNodeName'));
  duplicates(model.virtualRouters.map((n) => n.virtualRouterName)).forEach((n) => dup(routerId(n), 'virtualRouterName'));
  duplicates(model.virtualServices.map((n) => n.virtualServiceName)).forEach((n) => dup(serviceId(n), 'virtualServiceName'));
  duplicates(model.routes.map((r) => `${r.virtualRouterName}/${r.routeName}`)).forEach((n) => {
    const [router = '', route = ''] = n.split('/');
    dup(routeId(router, route), 'routeName');
  });
  duplicates(model.virtualGateways.map((g) => g.virtualGatewayName)).forEach((n) => dup(gatewayId(n), 'virtualGatewayName'));
  duplicates(model.gatewayRoutes.map((r) => `${r.virtualGatewayName}/${r.gatewayRouteName}`)).forEach((n) => {
    const [gateway = '', route = ''] = n.split('/');
    dup(gatewayRouteId(gateway, route), 'gatewayRouteName');
  });
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const n of names) (seen.has(n) ? dups : seen).add(n);
  return [...dups];
}
