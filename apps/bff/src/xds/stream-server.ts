// The stream server (go-control-plane's `server`): the connected proxies, each with its ADS protocol
// state (subscriptions, nonces, ACK/NACK), fed by the snapshot cache. The gRPC binding (ads-server.ts)
// hands it streams; it never compiles anything itself.
import type { EventEmitter } from 'node:events';
import { AdsProtocol, type AdsMode } from './ads-protocol';
import { nodeKey, type NodeRef } from './node-id';
import type { SnapshotCache } from './snapshot-cache';
import type { XdsEvents, XdsLogger } from './xds-events';
import type { AnyDiscoveryResponse } from './xds-messages';

/** One connected proxy, as the gRPC layer hands it to the stream server. */
export interface ProxyStream {
  readonly id: string;
  readonly nodeId: string;
  readonly address: string;
  send(response: AnyDiscoveryResponse): void;
  /** Ends the stream with a gRPC status (NOT_FOUND when its node disappeared). */
  fail(code: 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'PERMISSION_DENIED' | 'INTERNAL', message: string): void;
}

export interface ConnectedProxy {
  stream: ProxyStream;
  protocol: AdsProtocol;
  since: number;
}

interface Connected extends ConnectedProxy {
  unwatch: () => void;
}

export interface StreamServerDeps {
  cache: SnapshotCache;
  events: EventEmitter<XdsEvents>;
  /** Something about the node's proxies changed (a send, an ACK, a NACK, a proxy left): for sync status. */
  changed(ref: NodeRef): void;
  logger?: XdsLogger;
  now?: () => number;
  identifier?: string;
}

export class StreamServer {
  private readonly byNode = new Map<string, Map<string, Connected>>();
  private nonce = 0;

  constructor(private readonly deps: StreamServerDeps) {}

  /** Registers a proxy for its node and sends it the node's config; fails it when the node is unknown. */
  async connect(ref: NodeRef, stream: ProxyStream, mode: AdsMode = 'sotw'): Promise<AdsProtocol> {
    const { cache, events, logger } = this.deps;
    const now = this.deps.now ?? Date.now;
    const protocol = new AdsProtocol({
      send: (r) => stream.send(r),
      nextNonce: () => String(++this.nonce),
      now,
      changed: () => this.deps.changed(ref),
      sent: (kind, version) => events.emit('push', { ref, streamId: stream.id, kind, version }),
      answered: (kind, version, nackMessage) => {
        if (nackMessage !== null) logger?.warn('xds NACK', { nodeId: stream.nodeId, kind, version, nackMessage });
        events.emit('answer', { ref, streamId: stream.id, kind, version, nackMessage });
      },
      identifier: this.deps.identifier ?? 'meshwright',
    }, mode);
    const key = nodeKey(ref);
    let proxies = this.byNode.get(key);
    if (!proxies) {
      proxies = new Map();
      this.byNode.set(key, proxies);
    }
    const connected: Connected = { stream, protocol, since: now(), unwatch: () => undefined };
    proxies.set(stream.id, connected);
    connected.unwatch = cache.watch(ref, {
      snapshot: (s) => protocol.setSnapshot(s),
      gone: (message) => stream.fail('NOT_FOUND', message),
    });
    if (!protocol.hasSnapshot()) await cache.refreshMesh(ref.meshName, 'new');
    return protocol;
  }

  disconnect(ref: NodeRef, streamId: string): void {
    const key = nodeKey(ref);
    const proxies = this.byNode.get(key);
    const connected = proxies?.get(streamId);
    if (!proxies || !connected) return;
    proxies.delete(streamId);
    connected.unwatch();
    if (proxies.size === 0) this.byNode.delete(key);
    this.deps.changed(ref);
  }

  /** The node's connected proxies, in the order they connected. */
  proxies(ref: NodeRef): ConnectedProxy[] {
    return [...(this.byNode.get(nodeKey(ref))?.values() ?? [])];
  }

  connectedCount(): number {
    let n = 0;
    for (const proxies of this.byNode.values()) n += proxies.size;
    return n;
  }
}
