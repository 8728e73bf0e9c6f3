import type { Finding, ProxyHealth, Severity } from '@meshwright/model';

/**
 * The resource kinds the topology draws (the mesh itself is the canvas, not a node). Gateways are
 * the entry points on the left; their gateway routes are drawn as the edges to the services.
 */
export type TopologyKind = 'virtualGateway' | 'virtualService' | 'virtualRouter' | 'route' | 'virtualNode';

/** What a proxy's last config push looked like, as the xDS server reports it. */
export type SyncState = 'SYNCED' | 'STALE' | 'NACKED';

/** One box on the graph. */
export interface TopologyNode {
  /** `<kind>:<name>`; routes use `route:<router>/<route>`, like findings name them. */
  id: string;
  kind: TopologyKind;
  /** The resource's name as findings use it (`<router>/<route>` for routes). */
  name: string;
  /** The visible label: the resource's own name (the route name alone for routes). */
  label: string;
  /** A second, quieter line: the kind, plus the route match when there is one. */
  detail: string;
  /** Something refers to this resource but it does not exist: drawn dangling and highlighted. */
  missing: boolean;
  /** Findings about this resource, or about the reference that points at it when it is missing. */
  findings: Finding[];
  /** The worst severity among `findings`, if any. */
  severity?: Severity;
  /** The proxies' sync state, for virtual nodes and gateways whose status is known. */
  sync?: SyncState;
  /** The console page of the resource; absent for missing resources. */
  href?: string;
  /** For virtual nodes and gateways the stats spoke of: ejections, failing checks, endpoints (traffic-overlay.ts). */
  health?: ProxyHealth;
}

/** What crossed one drawn edge within the traffic window (traffic-overlay.ts). */
export interface EdgeTraffic {
  requests: number;
  rps: number;
  errors: number;
  /** 5xx over requests, 0..1. */
  errorShare: number;
  p99Ms: number | null;
}

export type TopologyEdgeKind = 'gatewayRoute' | 'provider' | 'route' | 'target' | 'backend';

/** One arrow, pointing the way traffic flows. */
export interface TopologyEdge {
  id: string;
  kind: TopologyEdgeKind;
  source: string;
  target: string;
  /** A route target's share of the route's traffic, such as `80%`; a gateway route's name and match. */
  label?: string;
  /** The arrow points at a resource that does not exist. */
  broken: boolean;
  traffic?: EdgeTraffic;
}

export interface TopologyGraph {
  meshName: string;
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Findings that belong to no drawn node (about the mesh itself, say). */
  meshFindings: Finding[];
}

/** Sync state per virtual node name, and per virtual gateway under `gatewaySyncKey(name)`. */
export type SyncStatusByNode = ReadonlyMap<string, SyncState>;

export const kindLabels: Record<TopologyKind, string> = {
  virtualGateway: 'virtual gateway',
  virtualService: 'virtual service',
  virtualRouter: 'virtual router',
  route: 'route',
  virtualNode: 'virtual node',
};

export function nodeId(kind: TopologyKind, name: string): string {
  return `${kind}:${name}`;
}
