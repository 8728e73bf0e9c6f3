// The sync status the console shows per virtual node: every connected proxy, and per xDS type what
// was sent, what Envoy ACKed, and Envoy's own message when it NACKed. It reads the stream server and
// the snapshot cache, and owns what neither keeps: which nodes ever had a proxy, and the `sync` events.
import type { EventEmitter } from 'node:events';
import type { MeshModel } from '@meshwright/model';
import type { AdsMode } from './ads-protocol';
import { nodeKey, type NodeRef } from './node-id';
import { PUSH_ORDER, type XdsKind } from './snapshot';
import type { ConnectedProxy } from './stream-server';
import type { XdsEvents } from './xds-events';
import type { TypeState, TypeStatus } from './xds-messages';

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

export interface SyncStatusDeps {
  loadMeshModel(meshName: string): Promise<MeshModel | undefined>;
  events: EventEmitter<XdsEvents>;
  proxies(ref: NodeRef): ConnectedProxy[];
  configError(ref: NodeRef): string | null;
}

export class SyncStatusBoard {
  private readonly syncDue = new Set<string>();
  /** Per mesh, the nodes that had a proxy: the mesh-wide status keeps listing them once their proxies left. */
  private readonly seen = new Map<string, Set<string>>();

  constructor(private readonly deps: SyncStatusDeps) {}

  nodeStatus(ref: NodeRef): NodeSyncStatus {
    const proxies: ProxyStatus[] = this.deps.proxies(ref).map((c) => {
      const types = c.protocol.status();
      return {
        streamId: c.stream.id,
        nodeId: c.stream.nodeId,
        protocol: c.protocol.mode,
        address: c.stream.address,
        connectedSince: new Date(c.since).toISOString(),
        state: proxyState(types),
        types,
      };
    });
    return {
      meshName: ref.meshName,
      virtualNodeName: ref.nodeName,
      state: nodeState(proxies),
      configError: this.deps.configError(ref),
      proxies,
    };
  }

  /** Every node of the mesh that has or had a proxy, by name in name order; or the message of a 404. */
  async meshSyncStatus(meshName: string): Promise<MeshSyncStatus | string> {
    const model = await this.deps.loadMeshModel(meshName);
    if (!model) {
      this.seen.delete(meshName);
      return `Mesh ${meshName} not found`;
    }
    const seen = this.seen.get(meshName) ?? new Set<string>();
    const existing = new Set(model.virtualNodes.map((n) => n.virtualNodeName));
    // A deleted node is forgotten here (its proxies were refused when it went); recreated, it comes back with its next proxy.
    for (const name of seen) if (!existing.has(name)) seen.delete(name);
    const names = [...seen].sort();
    // fromEntries defines own properties, so even a node named __proto__ is an ordinary key.
    return { meshName, nodes: Object.fromEntries(names.map((nodeName) => [nodeName, this.nodeStatus({ meshName, nodeName })])) };
  }

  /** true, or the message of a 404: the mesh or the node does not exist. */
  async nodeExists(ref: NodeRef): Promise<true | string> {
    const model = await this.deps.loadMeshModel(ref.meshName);
    if (!model) return `Mesh ${ref.meshName} not found`;
    if (!model.virtualNodes.some((n) => n.virtualNodeName === ref.nodeName)) {
      return `Virtual node ${ref.nodeName} not found in mesh ${ref.meshName}`;
    }
    return true;
  }

  /** Only nodes that exist get here, so proxies naming made-up nodes never grow the list. */
  markSeen(ref: NodeRef): void {
    let names = this.seen.get(ref.meshName);
    if (!names) {
      names = new Set();
      this.seen.set(ref.meshName, names);
    }
    names.add(ref.nodeName);
  }

  forget(ref: NodeRef): void {
    this.seen.get(ref.meshName)?.delete(ref.nodeName);
  }

  /** Coalesces status events per node to one per tick; computes them only when someone listens. */
  schedule(ref: NodeRef): void {
    const key = nodeKey(ref);
    if (this.deps.events.listenerCount('sync') === 0 || this.syncDue.has(key)) return;
    this.syncDue.add(key);
    setImmediate(() => {
      this.syncDue.delete(key);
      this.deps.events.emit('sync', { meshName: ref.meshName, virtualNodeName: ref.nodeName, status: this.nodeStatus(ref) });
    });
  }
}
