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
import { gatewayId, gatewayRouteId, nodeId, routeId, routerId, serviceId, type AnalysisContext, type AnalysisIndex } from './context';
import {
  checkBackendsQuota,
  checkDuplicateNames,
  checkGatewayRoutesPerGateway,
  checkMeshQuotas,
  checkRoutesPerRouter,
  checkTagQuota,
  checkTargetsQuota,
  duplicateNameRules,
} from './quota-rules';

export interface Subject {
  /** `virtualNode:<name>`, `route:<router>/<route>`, ... for a resource; `shadowedRoutes:<router>`, `mesh`, ... for a group rule. */
  key: string;
  /** The resource a resource subject checks; a group subject looks its container up through the context. */
  item: object | undefined;
  check: (ctx: AnalysisContext) => void;
}

/** Every subject of `model`, in analysis order; `index` is the model's (group subjects are one per container in it). */
export function subjectsOf(model: MeshModel, index: AnalysisIndex): Subject[] {
  const out: Subject[] = [];
  const add = (key: string, item: object | undefined, check: (ctx: AnalysisContext) => void) => out.push({ key, item, check });
  for (const n of model.virtualNodes) {
    add(`virtualNode:${n.virtualNodeName}`, n, (ctx) => {
      checkVirtualNode(ctx, n);
      checkBackendsQuota(ctx, n);
      checkTagQuota(ctx, nodeId(n.virtualNodeName), n.tags);
    });
  }
  for (const s of model.virtualServices) {
    add(`virtualService:${s.virtualServiceName}`, s, (ctx) => {
      checkVirtualService(ctx, s);
      checkTagQuota(ctx, serviceId(s.virtualServiceName), s.tags);
    });
  }
  for (const r of model.virtualRouters) {
    add(`virtualRouter:${r.virtualRouterName}`, r, (ctx) => {
      checkVirtualRouter(ctx, r);
      checkTagQuota(ctx, routerId(r.virtualRouterName), r.tags);
    });
  }
  for (const r of model.routes) {
    add(`route:${r.virtualRouterName}/${r.routeName}`, r, (ctx) => {
      checkRoute(ctx, r);
      checkTargetsQuota(ctx, r);
      checkTagQuota(ctx, routeId(r.virtualRouterName, r.routeName), r.tags);
    });
  }
  for (const router of index.routesByRouter.keys()) {
    add(`routesOf:${router}`, undefined, (ctx) => {
      const routes = ctx.routesByRouter.get(router) ?? [];
      checkShadowedRoutes(ctx, router, routes);
      checkRoutesPerRouter(ctx, router, routes);
    });
  }
  for (const g of model.virtualGateways) {
    add(`virtualGateway:${g.virtualGatewayName}`, g, (ctx) => {
      checkVirtualGateway(ctx, g);
      checkTagQuota(ctx, gatewayId(g.virtualGatewayName), g.tags);
    });
  }
  for (const r of model.gatewayRoutes) {
    add(`gatewayRoute:${r.virtualGatewayName}/${r.gatewayRouteName}`, r, (ctx) => {
      checkGatewayRoute(ctx, r);
      checkTagQuota(ctx, gatewayRouteId(r.virtualGatewayName, r.gatewayRouteName), r.tags);
    });
  }
  for (const gateway of index.gatewayRoutesByGateway.keys()) {
    add(`gatewayRoutesOf:${gateway}`, undefined, (ctx) => {
      const routes = ctx.gatewayRoutesByGateway.get(gateway) ?? [];
      checkShadowedGatewayRoutes(ctx, gateway, routes);
      checkGatewayRoutesPerGateway(ctx, gateway, routes);
    });
  }
  add('mesh', undefined, checkMeshQuotas);
  for (const kind of Object.keys(duplicateNameRules) as (keyof typeof duplicateNameRules)[]) {
    add(`names:${kind}`, undefined, (ctx) => checkDuplicateNames(ctx, kind));
  }
  return out;
}
