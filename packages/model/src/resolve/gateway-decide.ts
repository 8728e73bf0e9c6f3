// The gateway's resolution decisions, written once: which gateway listener a gateway route serves and
// which port of its target service it reaches, or why not. The resolver records a failed decision as
// unresolved; analysis reports the same problems under the same codes (ADR 005).
import type { FindingCategory } from '../analysis/finding';
import type { FindingCode } from '../analysis/finding-codes';
import type { MeshIndex } from '../input/mesh-index';
import type { GatewayRouteKind } from '../gateway-route/schema';
import { ROUTE_PROTOCOL, type Failed, type PortLike } from './decide';
import type { PlanPort } from './plan';

const failed = (code: FindingCode, message: string, category: FindingCategory = 'consistency'): Failed =>
  ({ ok: false, code, severity: 'error', category, message });

export type GatewayListenerDecision<P extends PortLike> = { ok: true; listener: P } | Failed;

/** The gateway listener a `kind` gateway route matching `port` serves, or why there is none. */
export function decideGatewayListener<P extends PortLike>(gatewayName: string, listeners: readonly P[], port: number | undefined, kind: GatewayRouteKind): GatewayListenerDecision<P> {
  if (port === undefined && listeners.length > 1) {
    return failed('gatewayRoute.match-port-required',
      `virtual gateway ${gatewayName} has ${listeners.length} listeners, so the gateway route must say which port it belongs to (match.port)`);
  }
  const listener = port === undefined ? listeners[0] : listeners.find((l) => l.portMapping.port === port);
  if (!listener) {
    return port === undefined
      ? failed('gatewayRoute.match-port-unknown', `virtual gateway ${gatewayName} has no listener`)
      : failed('gatewayRoute.match-port-unknown', `virtual gateway ${gatewayName} has no listener on port ${port}`);
  }
  const { protocol } = listener.portMapping;
  if (protocol !== ROUTE_PROTOCOL[kind]) {
    return failed('gatewayRoute.kind-mismatch',
      `a ${kind} does not fit virtual gateway ${gatewayName}'s ${protocol} listener on port ${listener.portMapping.port}`);
  }
  return { ok: true, listener };
}

export type GatewayTargetDecision =
  | { ok: true; port: PlanPort }
  /** No code: the service's own problem (no provider, router without listener) was recorded already. */
  | { ok: false; code: undefined }
  | (Failed & { part: 'virtualService.virtualServiceName' | 'port' });

/** The port of `serviceName` (offering `ports`) a gateway route targeting `port` reaches. */
export function decideGatewayTarget(index: Pick<MeshIndex, 'services'>, serviceName: string, ports: readonly PlanPort[], port: number | undefined): GatewayTargetDecision {
  if (!index.services.has(serviceName)) {
    return { ...failed('gatewayRoute.target-missing', `target virtual service ${serviceName} does not exist`, 'reference'), part: 'virtualService.virtualServiceName' };
  }
  if (ports.length === 0) return { ok: false, code: undefined };
  if (port === undefined && ports.length > 1) {
    const list = ports.map((q) => q.port).join(', ');
    return { ...failed('gatewayRoute.target-port-required', `target virtual service ${serviceName} is served on ports ${list}; say which (port)`), part: 'port' };
  }
  const found = port === undefined ? ports[0] : ports.find((q) => q.port === port);
  if (!found) {
    const list = ports.map((q) => q.port).join(', ');
    return { ...failed('gatewayRoute.target-port-unknown', `target virtual service ${serviceName} has no port ${port ?? ''}; its ports are ${list}`), part: 'port' };
  }
  if (found.protocol === 'tcp') {
    return { ...failed('gatewayRoute.target-protocol-mismatch', `target virtual service ${serviceName} speaks tcp on port ${found.port}; a gateway sends HTTP requests`), part: 'port' };
  }
  return { ok: true, port: found };
}
