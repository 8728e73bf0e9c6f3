// The sync status the console shows per virtual node: every connected proxy, and per xDS type what
// was sent, what Envoy ACKed, and Envoy's own message when it NACKed.
import type { AdsMode } from './ads-protocol';
import type { TypeState, TypeStatus } from './xds-messages';
import { PUSH_ORDER, type XdsKind } from './snapshot';

export interface ProxyStatus {
  /** This server's id for the stream (one Envoy may reconnect under a new id). */
  streamId: string;
  nodeId: string;
  /** sotw (StreamAggregatedResources) or delta (DeltaAggregatedResources). */
  protocol: AdsMode;
  /** The peer address of the gRPC stream. */
  address: string;
  connectedSince: string;
  state: TypeState;
  types: Record<XdsKind, TypeStatus>;
}

export type NodeSyncState = TypeState | 'DISCONNECTED';

export interface NodeSyncStatus {
  meshName: string;
  virtualNodeName: string;
  /** The worst state over the connected proxies; DISCONNECTED when none is connected. */
  state: NodeSyncState;
  /** Why the latest mesh change could not become config for this node (the last good one stays). */
  configError: string | null;
  proxies: ProxyStatus[];
}

/** `GET /api/meshes/{mesh}/sync-status`: one answer for the whole mesh, so a console needs no request per node. */
export interface MeshSyncStatus {
  meshName: string;
  /** Per virtual node a proxy connected for since the server started; DISCONNECTED once they all left. */
  nodes: Record<string, NodeSyncStatus>;
}

const SEVERITY: Record<TypeState, number> = { SYNCED: 0, NOT_SENT: 1, STALE: 2, NACKED: 3 };

/** A proxy's state over the types it subscribed to (Envoy asks for RDS only when a listener uses it). */
export function proxyState(types: Record<XdsKind, TypeStatus>): TypeState {
  const relevant = PUSH_ORDER.map((k) => types[k]).filter((t) => t.desiredVersion !== null || t.lastSentVersion !== null);
  if (relevant.length === 0) return 'NOT_SENT';
  return worst(relevant.map((t) => t.state));
}

export function worst(states: TypeState[]): TypeState {
  return states.reduce<TypeState>((a, b) => (SEVERITY[b] > SEVERITY[a] ? b : a), 'SYNCED');
}

export function nodeState(proxies: ProxyStatus[]): NodeSyncState {
  return proxies.length === 0 ? 'DISCONNECTED' : worst(proxies.map((p) => p.state));
}
