// The per-proxy plan: what one virtual node's Envoy serves and may call, with every reference
// resolved, and what could not be resolved. Compile builds Envoy config from this and nothing else (ADR 005).
import type { Duration } from '../common/duration';
import type { PortProtocol } from '../common/primitives';
import type { Finding, ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import type { MeshModel } from '../input/mesh-model';
import type { RouteKind } from '../route/schema';
import type { Listener } from '../virtual-node/listener';
import type { ClientPolicy } from '../virtual-node/tls';

export type NodeItem = MeshModel['virtualNodes'][number];
export type RouterItem = MeshModel['virtualRouters'][number];
export type RouteItem = MeshModel['routes'][number];
export type ServiceItem = MeshModel['virtualServices'][number];

/** Something the resolver could not resolve, shaped like a finding and coded like analysis codes it. */
export type Unresolved = Omit<Finding, 'code'> & { code: CompileDiagnosticCode };

/** Where a reference is written, for diagnostics. */
export interface Site {
  resource: ResourceId;
  path: string;
}

/** One port of the proxy's own node, served on the ingress listener. */
export interface IngressPort {
  listener: Listener;
  /** The listener's index in `spec.listeners`, for diagnostics. */
  index: number;
  /** The listener's timeout for its own protocol (a timeout for another protocol is unresolved). */
  timeout: { perRequest: Duration | undefined; idle: Duration | undefined };
}

/** A node listener that traffic reaches: exists, has DNS service discovery, speaks the right protocol. */
export interface TargetEndpoint {
  node: NodeItem;
  listener: Listener;
}

export interface PlanTarget extends TargetEndpoint {
  weight: number;
}

/** A route that serves one router port, with the targets that resolved (zero weights included). */
export interface PlanRoute {
  route: RouteItem;
  id: ResourceId;
  kind: RouteKind;
  targets: PlanTarget[];
}

/** One port of a backend service and what serves it. */
export type PlanPort =
  | { port: number; protocol: PortProtocol; kind: 'node'; nodeName: string; target: TargetEndpoint | undefined }
  | { port: number; protocol: PortProtocol; kind: 'router'; routerName: string; routes: PlanRoute[] };

/** The client policy of the backend a target is reached through, and where it is written. */
export interface BackendPolicy {
  policy: ClientPolicy | undefined;
  site: Site;
}

/** A backend virtual service of the proxy's node, with its ports in port order. */
export interface PlanBackend {
  name: string;
  path: string;
  /** The backend's own client policy, else the node's backend defaults. */
  backend: BackendPolicy;
  ports: PlanPort[];
}

export interface ProxyPlan {
  node: NodeItem;
  /** Unique ports in port order. */
  ingress: IngressPort[];
  /** Each backend service once, in name order. */
  backends: PlanBackend[];
  unresolved: Unresolved[];
}
