// What a mesh analysis is made of: the subjects, each a resource's own rules or a group rule over one
// container, in the order analyzeMesh runs them. The full analysis runs every subject; the
// incremental one (incremental.ts) runs only those a change can affect and reuses the others.
import type { MeshModel } from '../input/mesh-model';
import { checkGatewayRoute, checkShadowedGatewayRoutes } from '../gateway-route/rules';
import { checkRoute, checkShadowedRoutes } from '../route/rules';
import { checkVirtualGateway } from '../virtual-gateway/rules';
import { checkVirtualNode } from '../virtual-node/rules';
import { checkVirtualRouter } from '../virtual-router/rules';
import { checkVirtualService } from '../virtual-service/rules';
import { gatewayId, gatewayRouteId, nodeId, routeId, routerId, serviceId, type AnalysisContext, type AnalysisIndex, type NamedKind } from './context';
import type { ResourceId } from './finding';
import {
  checkBackendsQuota,
  checkDuplicateNames,
  checkGatewayRoutesPerGateway,
  checkMeshQuotas,
  checkRoutesPerRouter,
  checkTagQuota,
  checkTargetsQuota,
  nameFields,
} from './quota-rules';

export interface Subject {
  /** `virtualNode:<name>`, `route:<router>/<route>`, ... for a resource; `routesOf:<router>`, `mesh`, ... for a group rule. */
  key: string;
  check: (ctx: AnalysisContext) => void;
}

type Of<K extends keyof MeshModel> = MeshModel[K] extends readonly (infer T)[] ? T : never;

const node = (n: Of<'virtualNodes'>): Subject => ({ key: `virtualNode:${n.virtualNodeName}`, check: (ctx) => {
  checkVirtualNode(ctx, n);
  checkBackendsQuota(ctx, n);
  checkTagQuota(ctx, nodeId(n.virtualNodeName), n.tags);
} });
const service = (s: Of<'virtualServices'>): Subject => ({ key: `virtualService:${s.virtualServiceName}`, check: (ctx) => {
  checkVirtualService(ctx, s);
  checkTagQuota(ctx, serviceId(s.virtualServiceName), s.tags);
} });
const router = (r: Of<'virtualRouters'>): Subject => ({ key: `virtualRouter:${r.virtualRouterName}`, check: (ctx) => {
  checkVirtualRouter(ctx, r);
  checkTagQuota(ctx, routerId(r.virtualRouterName), r.tags);
} });
const route = (r: Of<'routes'>): Subject => ({ key: `route:${r.virtualRouterName}/${r.routeName}`, check: (ctx) => {
  checkRoute(ctx, r);
  checkTargetsQuota(ctx, r);
  checkTagQuota(ctx, routeId(r.virtualRouterName, r.routeName), r.tags);
} });
// Group rules look their container up through the context, so the lookup is one of their reads.
const routesOf = (name: string): Subject => ({ key: `routesOf:${name}`, check: (ctx) => {
  const routes = ctx.routesByRouter.get(name) ?? [];
  checkShadowedRoutes(ctx, name, routes);
  checkRoutesPerRouter(ctx, name, routes);
} });
const gateway = (g: Of<'virtualGateways'>): Subject => ({ key: `virtualGateway:${g.virtualGatewayName}`, check: (ctx) => {
  checkVirtualGateway(ctx, g);
  checkTagQuota(ctx, gatewayId(g.virtualGatewayName), g.tags);
} });
const gatewayRoute = (r: Of<'gatewayRoutes'>): Subject => ({ key: `gatewayRoute:${r.virtualGatewayName}/${r.gatewayRouteName}`, check: (ctx) => {
  checkGatewayRoute(ctx, r);
  checkTagQuota(ctx, gatewayRouteId(r.virtualGatewayName, r.gatewayRouteName), r.tags);
} });
const gatewayRoutesOf = (name: string): Subject => ({ key: `gatewayRoutesOf:${name}`, check: (ctx) => {
  const routes = ctx.gatewayRoutesByGateway.get(name) ?? [];
  checkShadowedGatewayRoutes(ctx, name, routes);
  checkGatewayRoutesPerGateway(ctx, name, routes);
} });
const nameKinds = Object.keys(nameFields) as NamedKind[];

/** Every subject of `model`, in analysis order; `index` is the model's (group subjects are one per container in it). */
export function subjectsOf(model: MeshModel, index: AnalysisIndex): Subject[] {
  return [
    ...model.virtualNodes.map(node),
    ...model.virtualServices.map(service),
    ...model.virtualRouters.map(router),
    ...model.routes.map(route),
    ...[...index.routesByRouter.keys()].map(routesOf),
    ...model.virtualGateways.map(gateway),
    ...model.gatewayRoutes.map(gatewayRoute),
    ...[...index.gatewayRoutesByGateway.keys()].map(gatewayRoutesOf),
    { key: 'mesh', check: checkMeshQuotas },
    ...nameKinds.map((kind): Subject => ({ key: `names:${kind}`, check: (ctx) => checkDuplicateNames(ctx, kind) })),
  ];
}

/**
 * The subjects that belong to the resource `changed` in `index` (already the new model's): its own
 * and its container's group rule. A key mapped to undefined is a subject that no longer exists.
 */
export function subjectsOfResource(index: AnalysisIndex, changed: ResourceId): Map<string, Subject | undefined> {
  const out = new Map<string, Subject | undefined>();
  const slash = changed.name.indexOf('/');
  const parent = changed.name.slice(0, slash);
  const child = changed.name.slice(slash + 1);
  const put = (key: string, subject: Subject | undefined) => out.set(key, subject);
  const one = <T>(key: string, item: T | undefined, make: (t: T) => Subject) => put(key, item === undefined ? undefined : make(item));
  switch (changed.kind) {
    case 'mesh':
      break;
    case 'virtualNode':
      one(`virtualNode:${changed.name}`, index.nodes.get(changed.name), node);
      break;
    case 'virtualService':
      one(`virtualService:${changed.name}`, index.services.get(changed.name), service);
      break;
    case 'virtualRouter':
      one(`virtualRouter:${changed.name}`, index.routers.get(changed.name), router);
      break;
    case 'virtualGateway':
      one(`virtualGateway:${changed.name}`, index.gateways.get(changed.name), gateway);
      break;
    case 'route': {
      const routes = index.routesByRouter.get(parent);
      one(`route:${changed.name}`, routes?.find((r) => r.routeName === child), route);
      one(`routesOf:${parent}`, routes && parent, routesOf);
      break;
    }
    case 'gatewayRoute': {
      const routes = index.gatewayRoutesByGateway.get(parent);
      one(`gatewayRoute:${changed.name}`, routes?.find((r) => r.gatewayRouteName === child), gatewayRoute);
      one(`gatewayRoutesOf:${parent}`, routes && parent, gatewayRoutesOf);
      break;
    }
  }
  return out;
}
