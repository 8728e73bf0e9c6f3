// The resolution decisions, written once: what a route target, a route's router port, a service's
// provider and a node's backend resolve to, or why not. Analysis turns a failed decision into a finding
// (mesh-wide, once per resource); the resolver records it as unresolved for one proxy (ADR 005).
import type { PortProtocol } from '../common/primitives';
import type { FindingCategory, Severity } from '../analysis/finding';
import type { FindingCode } from '../analysis/finding-codes';
import type { MeshIndex } from '../input/mesh-index';
import type { RouteKind } from '../route/schema';
import type { Listener } from '../virtual-node/listener';
import type { NodeItem, RouterItem } from './plan';

/** The listener protocol each route kind serves. */
export const ROUTE_PROTOCOL: Record<RouteKind, PortProtocol> = {
  httpRoute: 'http',
  http2Route: 'http2',
  grpcRoute: 'grpc',
  tcpRoute: 'tcp',
};

/** Why a reference did not resolve, with the finding analysis reports for it. */
export interface Failed {
  ok: false;
  code: FindingCode;
  severity: Severity;
  category: FindingCategory;
  message: string;
}

const failed = (code: FindingCode, message: string, category: FindingCategory = 'consistency', severity: Severity = 'error'): Failed =>
  ({ ok: false, code, severity, category, message });

/** Which part of a target a failed decision is about, so callers can point at the right path. */
export type TargetPart = 'node' | 'port' | 'target';

export type TargetDecision = { ok: true; node: NodeItem; listener: Listener } | (Failed & { part: TargetPart });

/** The listener of `nodeName` a `kind` route's target (or, without a kind, a provider) on `port` reaches. */
export function decideTarget(nodes: MeshIndex['nodes'], nodeName: string, port: number | undefined, kind: RouteKind | undefined): TargetDecision {
  const node = nodes.get(nodeName);
  if (!node) return { ...failed('route.target-missing', `target virtual node ${nodeName} does not exist`, 'reference'), part: 'node' };
  const listeners = node.spec.listeners ?? [];
  if (listeners.length === 0) {
    return { ...failed('route.target-without-listener', `target virtual node ${nodeName} has no listener, so it cannot receive traffic`), part: 'node' };
  }
  if (port === undefined && listeners.length > 1) {
    return { ...failed('route.target-port-required', `target virtual node ${nodeName} has ${listeners.length} listeners; say which port (port)`), part: 'port' };
  }
  const listener = port === undefined ? listeners[0] : listeners.find((l) => l.portMapping.port === port);
  if (!listener) {
    const ports = listeners.map((l) => l.portMapping.port).join(', ');
    return { ...failed('route.target-port-unknown', `target virtual node ${nodeName} has no listener on port ${port ?? ''}; its ports are ${ports}`), part: 'port' };
  }
  const { protocol } = listener.portMapping;
  if (kind !== undefined && protocol !== ROUTE_PROTOCOL[kind]) {
    return {
      ...failed('route.target-protocol-mismatch',
        `target virtual node ${nodeName} listens with ${protocol} on port ${listener.portMapping.port}, but this is a ${kind} (${ROUTE_PROTOCOL[kind]}); App Mesh silently dropped such routes`),
      part: 'target',
    };
  }
  return { ok: true, node, listener };
}

function kindForProtocol(p: PortProtocol): RouteKind {
  return (Object.entries(ROUTE_PROTOCOL).find(([, v]) => v === p)?.[0] ?? 'httpRoute') as RouteKind;
}

/** A router port a route can attach to. */
export interface PortLike {
  portMapping: { port: number; protocol: PortProtocol };
}

export type RoutePortDecision<P extends PortLike> = { ok: true; listener: P } | Failed | undefined;

/**
 * The router listener a `kind` route matching `port` serves, a failed decision, or undefined when the
 * router has no listener and the route names no port (the router's own rule covers that).
 */
export function decideRoutePort<P extends PortLike>(routerName: string, listeners: readonly P[], port: number | undefined, kind: RouteKind): RoutePortDecision<P> {
  if (port === undefined && listeners.length > 1) {
    return failed('route.match-port-required',
      `router ${routerName} has ${listeners.length} listeners, so the route must say which port it belongs to (match.port)`);
  }
  const listener = port === undefined ? listeners[0] : listeners.find((l) => l.portMapping.port === port);
  if (!listener) return port === undefined ? undefined : failed('route.match-port-unknown', `router ${routerName} has no listener on port ${port}`);
  const { protocol } = listener.portMapping;
  if (protocol !== ROUTE_PROTOCOL[kind]) {
    return failed('route.kind-mismatch',
      `a ${kind} does not fit router ${routerName}'s ${protocol} listener on port ${listener.portMapping.port}; use a ${kindForProtocol(protocol)}`);
  }
  return { ok: true, listener };
}

/** A router without listeners: none of its routes can attach. */
export function decideRouterListeners(router: RouterItem): Failed | undefined {
  if ((router.spec.listeners ?? []).length > 0) return undefined;
  return failed('router.listener-missing', 'needs a listener (port and protocol) for its routes to attach to', 'spec');
}

export type ProviderDecision =
  | { ok: true; kind: 'router'; router: RouterItem; path: string }
  | { ok: true; kind: 'node'; node: NodeItem; path: string }
  | (Failed & { path: string });

/** What answers a virtual service's traffic: its provider router or node, or why nothing does. */
export function decideProvider(index: Pick<MeshIndex, 'nodes' | 'routers' | 'services'>, serviceName: string): ProviderDecision | undefined {
  const service = index.services.get(serviceName);
  if (!service) return undefined;
  const provider = service.spec.provider;
  if (provider?.virtualRouter) {
    const name = provider.virtualRouter.virtualRouterName;
    const path = 'spec.provider.virtualRouter.virtualRouterName';
    const router = index.routers.get(name);
    return router ? { ok: true, kind: 'router', router, path } : { ...failed('service.provider-missing', `provider virtual router ${name} does not exist`, 'reference'), path };
  }
  if (provider?.virtualNode) {
    const name = provider.virtualNode.virtualNodeName;
    const path = 'spec.provider.virtualNode.virtualNodeName';
    const node = index.nodes.get(name);
    if (!node) return { ...failed('service.provider-missing', `provider virtual node ${name} does not exist`, 'reference'), path };
    if ((node.spec.listeners ?? []).length === 0) {
      const message = `provider virtual node ${name} has no listener, so it cannot answer the service's traffic; add a listener or provide the service through a virtual router`;
      return { ...failed('service.provider-without-listener', message, 'consistency', 'warning'), path };
    }
    return { ok: true, kind: 'node', node, path };
  }
  return { ...failed('service.provider-none', 'has no provider, so nothing answers its traffic; set a virtual node or virtual router', 'spec', 'warning'), path: 'spec.provider' };
}

/** A node's backend that names no virtual service of the mesh. */
export function decideBackend(services: MeshIndex['services'], name: string): Failed | undefined {
  if (services.has(name)) return undefined;
  return failed('node.backend-missing', `backend virtual service ${name} does not exist (yet); calls to it fail until it is created`, 'reference', 'warning');
}

/**
 * The listeners of a node (or, reported under `code`, a gateway) that reuse an earlier listener's
 * port, by index: only the first on a port is served.
 */
export function duplicateListenerPorts(listeners: readonly PortLike[], code: FindingCode = 'node.duplicate-listener-port'): Map<number, Failed> {
  const first = new Map<number, number>();
  const out = new Map<number, Failed>();
  listeners.forEach((l, i) => {
    const { port } = l.portMapping;
    const earlier = first.get(port);
    if (earlier === undefined) first.set(port, i);
    else out.set(i, failed(code, `port ${port} is already used by listener ${earlier}; each listener needs its own port`, 'spec'));
  });
  return out;
}

/** A listener timeout written for another protocol than the listener's, which Envoy cannot apply. */
export function decideListenerTimeout(listener: Listener): (Failed & { path: string }) | undefined {
  const kind = listener.timeout && Object.keys(listener.timeout)[0];
  const { protocol } = listener.portMapping;
  if (!kind || kind === protocol) return undefined;
  return { ...failed('node.timeout-protocol-mismatch', `a ${kind} timeout does not apply to a ${protocol} listener; use timeout.${protocol}`, 'spec'), path: `timeout.${kind}` };
}
