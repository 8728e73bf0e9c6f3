// The sync status the console shows per virtual node and per virtual gateway: every connected proxy,
// and per xDS type what was sent, what Envoy ACKed, and Envoy's own message when it NACKed. It reads
// the stream server and the snapshot cache, and owns what neither keeps: which nodes and gateways ever
// had a proxy, and the `sync` events.
import type { EventEmitter } from 'node:events';
import type { MeshModel } from '@meshwright/model';
import type { AdsMode } from './ads-protocol';
import { nodeKey, type NodeRef } from './node-id';
import { hasProxy } from './snapshot-cache';
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

interface SyncStatusCommon {
  meshName: string;
  /** The worst state over the connected proxies; DISCONNECTED when none is connected. */
  state: NodeSyncState;
  /** Why the latest mesh change could not become config for this node (the last good one stays). */
  configError: string | null;
  proxies: ProxyStatus[];
}

export interface NodeSyncStatus extends SyncStatusCommon {
  proxyKind: 'virtualNode';
  virtualNodeName: string;
}

/** A virtual gateway's proxies, in the node's shape with the gateway's name. */
export interface GatewaySyncStatus extends SyncStatusCommon {
  proxyKind: 'virtualGateway';
  virtualGatewayName: string;
}

/** `GET /api/meshes/{mesh}/sync-status`: one answer for the whole mesh, so a console needs no request per node. */
export interface MeshSyncStatus {
  meshName: string;
  /** Per virtual node a proxy connected for since the server started; DISCONNECTED once they all left. */
  nodes: Record<string, NodeSyncStatus>;
  /** The same per virtual gateway. */
  gateways: Record<string, GatewaySyncStatus>;
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
  /** Per mesh, the nodes and gateways that had a proxy (by nodeKey): the mesh-wide status keeps listing them once their proxies left. */
  private readonly seen = new Map<string, Map<string, NodeRef>>();

  constructor(private readonly deps: SyncStatusDeps) {}

  nodeStatus(ref: NodeRef): NodeSyncStatus {
    return { proxyKind: 'virtualNode', virtualNodeName: ref.nodeName, ...this.common(ref) };
  }

  gatewayStatus(meshName: string, virtualGatewayName: string): GatewaySyncStatus {
    return { proxyKind: 'virtualGateway', virtualGatewayName, ...this.common({ meshName, nodeName: virtualGatewayName, kind: 'virtualGateway' }) };
  }

  /** The status of whichever a ref names, a node or a gateway. */
  proxyStatus(ref: NodeRef): NodeSyncStatus | GatewaySyncStatus {
    return ref.kind === 'virtualGateway' ? this.gatewayStatus(ref.meshName, ref.nodeName) : this.nodeStatus(ref);
  }

  private common(ref: NodeRef): SyncStatusCommon {
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
    return { meshName: ref.meshName, state: nodeState(proxies), configError: this.deps.configError(ref), proxies };
  }

  /** Every node of the mesh that has or had a proxy, by name in name order; or the message of a 404. */
  async meshSyncStatus(meshName: string): Promise<MeshSyncStatus | string> {
    const model = await this.deps.loadMeshModel(meshName);
    if (!model) {
      this.seen.delete(meshName);
      return `Mesh ${meshName} not found`;
    }
    const seen = this.seen.get(meshName) ?? new Map<string, NodeRef>();
    // A deleted node is forgotten here (its proxies were refused when it went); recreated, it comes back with its next proxy.
    for (const [key, ref] of seen) if (!hasProxy(model, ref)) seen.delete(key);
    const refs = [...seen.values()].sort((a, b) => (a.nodeName < b.nodeName ? -1 : a.nodeName > b.nodeName ? 1 : 0));
    const nodes = refs.filter((r) => r.kind !== 'virtualGateway');
    const gateways = refs.filter((r) => r.kind === 'virtualGateway');
    // fromEntries defines own properties, so even a node named __proto__ is an ordinary key.
    return {
      meshName,
      nodes: Object.fromEntries(nodes.map((r) => [r.nodeName, this.nodeStatus(r)])),
      gateways: Object.fromEntries(gateways.map((r) => [r.nodeName, this.gatewayStatus(meshName, r.nodeName)])),
    };
  }

  /** true, or the message of a 404: the mesh or the node (or gateway) does not exist. */
  async nodeExists(ref: NodeRef): Promise<true | string> {
    const model = await this.deps.loadMeshModel(ref.meshName);
    if (!model) return `Mesh ${ref.meshName} not found`;
    if (!hasProxy(model, ref)) return `${ref.kind === 'virtualGateway' ? 'Virtual gateway' : 'Virtual node'} ${ref.nodeName} not found in mesh ${ref.meshName}`;
    return true;
  }

  /** Only nodes and gateways that exist get here, so proxies naming made-up ones never grow the list. */
  markSeen(ref: NodeRef): void {
    let refs = this.seen.get(ref.meshName);
    if (!refs) {
      refs = new Map();
      this.seen.set(ref.meshName, refs);
    }
    refs.set(nodeKey(ref), ref);
  }

  forget(ref: NodeRef): void {
    this.seen.get(ref.meshName)?.delete(nodeKey(ref));
  }

  /** Coalesces status events per node to one per tick; computes them only when someone listens. */
  schedule(ref: NodeRef): void {
    const key = nodeKey(ref);
    if (this.deps.events.listenerCount('sync') === 0 || this.syncDue.has(key)) return;
    this.syncDue.add(key);
    setImmediate(() => {
      this.syncDue.delete(key);
      this.deps.events.emit(
        'sync',
        ref.kind === 'virtualGateway'
          ? { meshName: ref.meshName, proxyKind: 'virtualGateway', virtualGatewayName: ref.nodeName, status: this.gatewayStatus(ref.meshName, ref.nodeName) }
          : { meshName: ref.meshName, proxyKind: 'virtualNode', virtualNodeName: ref.nodeName, status: this.nodeStatus(ref) },
      );
    });
  }
}
