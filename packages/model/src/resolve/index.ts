// The resolver: mesh → per-proxy plan (ADR 004, 005).
export { resolveProxy, byPriority, ROUTE_PROTOCOL } from './resolve';
export type * from './plan';
export { resolveGateway } from './gateway-resolve';
export { byGatewayRouteOrder } from './gateway-order';
export type * from './gateway-plan';
