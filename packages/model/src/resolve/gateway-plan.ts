// The plan of one virtual gateway's Envoy: its listeners, the gateway routes each serves in App Mesh's
// order, and the virtual services those routes reach with what serves them. Compile builds the
// gateway's Envoy config from this and nothing else (ADR 005, 006).
import type { ResourceId } from '../analysis/finding';
import type { MeshModel } from '../input/mesh-model';
import type { GatewayRouteKind } from '../gateway-route/schema';
import type { VirtualGatewayListener } from '../virtual-gateway/schema';
import type { PlanBackend, PlanPort, Unresolved } from './plan';

export type GatewayItem = MeshModel['virtualGateways'][number];
export type GatewayRouteItem = MeshModel['gatewayRoutes'][number];

/** Where a gateway route's requests go: one port of one virtual service. */
export interface GatewayTarget {
  service: string;
  port: PlanPort;
}

/** A gateway route that serves one gateway listener, with the service port it reaches. */
export interface GatewayPlanRoute {
  route: GatewayRouteItem;
  /** `<gateway>/<gatewayRoute>`, as route ids are `<router>/<route>`. */
  id: ResourceId;
  kind: GatewayRouteKind;
  target: GatewayTarget;
}

/** One gateway listener (each port once, in port order) and its routes in App Mesh's order. */
export interface GatewayListenerPlan {
  listener: VirtualGatewayListener;
  /** The listener's index in `spec.listeners`, for diagnostics. */
  index: number;
  routes: GatewayPlanRoute[];
}

export interface GatewayPlan {
  gateway: GatewayItem;
  listeners: GatewayListenerPlan[];
  /**
   * Each target service once, in name order, with the gateway's backend-defaults client policy:
   * the gateway's own egress serves them as a virtual node's egress serves its backends.
   */
  targets: PlanBackend[];
  unresolved: Unresolved[];
}
