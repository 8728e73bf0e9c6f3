// The control plane's memory: which proxies are connected for which virtual node, the current
// snapshot of each connected node, and recomputing a mesh's nodes when the mesh changes.
import { EventEmitter } from 'node:events';
import type { MeshModel } from '@meshwright/model';
import { AdsProtocol, type AdsMode } from './ads-protocol';
import { nodeKey, type NodeRef } from './node-id';
import type { EnvoyTypes } from './protos';
import { buildSnapshot, EncodeCache, PUSH_ORDER, versionOf, type NodeSnapshot, type ResourceSet, type XdsKind } from './snapshot';
import { nodeState, proxyState, type MeshSyncStatus, type NodeSyncStatus, type ProxyStatus } from './sync-status';
import type { AnyDiscoveryResponse } from './xds-messages';

/** Compile for one node: the resources Envoy gets over ADS. */
export type CompileNode = (model: MeshModel, nodeName: string) => { resources: ResourceSet };

/** Test-only: rewrites a node's resources before they are encoded (e.g. to provoke a NACK). */
export type ResourceTransform = (ref: NodeRef, resources: ResourceSet) => ResourceSet;

export interface XdsLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface XdsCoreDeps {
  loadMeshModel(meshName: string): Promise<MeshModel | undefined>;
  compileNode: CompileNode;
  types: EnvoyTypes;
  logger?: XdsLogger;
  now?: () => number;
  identifier?: string;
}

/** One connected proxy, as the gRPC layer hands it to the core. */
export interface ProxyStream {
  readonly id: string;
  readonly nodeId: string;
  readonly address: string;
  send(response: AnyDiscoveryResponse): void;
  /** Ends the stream with a gRPC status (NOT_FOUND when its node disappeared). */
  fail(code: 'NOT_FOUND' | 'INVALID_ARGUMENT' | 'INTERNAL', message: string): void;
}

interface Connected {
  stream: ProxyStream;
  protocol: AdsProtocol;
  since: number;
}

interface NodeEntry {
  ref: NodeRef;
  proxies: Map<string, Connected>;
  snapshot: NodeSnapshot | undefined;
  fingerprint: string;
  configError: string | null;
}

export interface XdsEvents {
  change: [{ meshName: string }];
  sync: [{ meshName: string; virtualNodeName: string; status: NodeSyncStatus }];
  /** Per response: for logs and the benchmark (synchronous, cheap when nobody listens). */
  push: [{ ref: NodeRef; streamId: string; kind: XdsKind; version: string }];
  answer: [{ ref: NodeRef; streamId: string; kind: XdsKind; version: string; nackMessage: string | null }];
}

export class XdsCore {
  readonly events = new EventEmitter<XdsEvents>();
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly refreshing = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly syncDue = new Set<string>();
  /** Per mesh, the nodes that had a proxy: the mesh-wide status keeps listing them once their proxies left. */
  private readonly seen = new Map<string, Set<string>>();
  private nonce = 0;
  private transform: ResourceTransform | undefined;
  private readonly encoded = new EncodeCache();

  constructor(private readonly deps: XdsCoreDeps) {
    this.events.setMaxListeners(0);
  }

  /** Registers a proxy for its node and sends it the node's config; fails it when the node is unknown. */
  async connect(ref: NodeRef, stream: ProxyStream, mode: AdsMode = 'sotw'): Promise<AdsProtocol> {
    const key = nodeKey(ref);
    let entry = this.nodes.get(key);
    if (!entry) {
      entry = { ref, proxies: new Map(), snapshot: undefined, fingerprint: '', configError: null };
      this.nodes.set(key, entry);
    }
    const now = this.deps.now ?? Date.now;
    const protocol = new AdsProtocol({
      send: (r) => stream.send(r),
      nextNonce: () => String(++this.nonce),
      now,
      changed: () => this.scheduleSync(key),
      sent: (kind, version) => this.events.emit('push', { ref, streamId: stream.id, kind, version }),
      answered: (kind, version, nackMessage) => {
        if (nackMessage !== null) this.deps.logger?.warn('xds NACK', { nodeId: stream.nodeId, kind, version, nackMessage });
        this.events.emit('answer', { ref, streamId: stream.id, kind, version, nackMessage });
      },
      identifier: this.deps.identifier ?? 'meshwright',
    }, mode);
    entry.proxies.set(stream.id, { stream, protocol, since: now() });
    if (entry.snapshot) protocol.setSnapshot(entry.snapshot);
    else await this.refreshMesh(ref.meshName);
    return protocol;
  }

  disconnect(ref: NodeRef, streamId: string): void {
    const key = nodeKey(ref);
    const entry = this.nodes.get(key);
    if (!entry) return;
    entry.proxies.delete(streamId);
    if (entry.proxies.size === 0) this.nodes.delete(key);
    this.scheduleSync(key, entry);
  }

  /** A committed write in a mesh: tell the console, then recompute that mesh's connected nodes. */
  onChange(event: { meshName: string }): Promise<void> {
    this.events.emit('change', { meshName: event.meshName });
    return this.refreshMesh(event.meshName);
  }

  /** Test-only injection point; recomputes every connected node with the transform applied. */
  async setTransform(transform: ResourceTransform | undefined): Promise<void> {
    this.transform = transform;
    const meshes = new Set([...this.nodes.values()].map((e) => e.ref.meshName));
    await Promise.all([...meshes].map((m) => this.refreshMesh(m)));
  }

  /** Recomputes a mesh; calls during a run coalesce into one more run, so the last write always wins. */
  refreshMesh(meshName: string): Promise<void> {
    const running = this.refreshing.get(meshName);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        do {
          entry.again = false;
          await this.recompute(meshName);
        } while (entry.again);
      } finally {
        this.refreshing.delete(meshName);
      }
    })();
    this.refreshing.set(meshName, entry);
    return entry.done;
  }

  syncStatus(ref: NodeRef): NodeSyncStatus {
    const entry = this.nodes.get(nodeKey(ref));
    const proxies: ProxyStatus[] = [...(entry?.proxies.values() ?? [])].map((c) => {
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
      configError: entry?.configError ?? null,
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
    return { meshName, nodes: Object.fromEntries(names.map((nodeName) => [nodeName, this.syncStatus({ meshName, nodeName })])) };
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

  connectedCount(): number {
    let n = 0;
    for (const e of this.nodes.values()) n += e.proxies.size;
    return n;
  }

  private async recompute(meshName: string): Promise<void> {
    const entries = [...this.nodes.values()].filter((e) => e.ref.meshName === meshName);
    if (entries.length === 0) return;
    let model: MeshModel | undefined;
    try {
      model = await this.deps.loadMeshModel(meshName);
    } catch (e) {
      for (const entry of entries) this.setError(entry, `could not load mesh ${meshName}: ${(e as Error).message}`);
      return;
    }
    for (const entry of entries) {
      if (entry.proxies.size === 0) continue;
      const name = entry.ref.nodeName;
      if (!model || !model.virtualNodes.some((n) => n.virtualNodeName === name)) {
        const message = model ? `virtual node "${name}" does not exist in mesh "${meshName}"` : `mesh "${meshName}" does not exist`;
        for (const c of [...entry.proxies.values()]) c.stream.fail('NOT_FOUND', message);
        this.seen.get(meshName)?.delete(name);
        continue;
      }
      this.markSeen(entry.ref);
      this.updateNode(entry, model);
    }
  }

  private updateNode(entry: NodeEntry, model: MeshModel): void {
    let snapshot: NodeSnapshot;
    try {
      let resources = this.deps.compileNode(model, entry.ref.nodeName).resources;
      if (this.transform) resources = this.transform(entry.ref, resources);
      snapshot = buildSnapshot(this.deps.types, entry.ref.meshName, entry.ref.nodeName, resources, this.encoded);
    } catch (e) {
      this.setError(entry, `config for ${entry.ref.meshName}/${entry.ref.nodeName} not built: ${(e as Error).message}`);
      return;
    }
    const hadError = entry.configError !== null;
    entry.configError = null;
    const fingerprint = PUSH_ORDER.map((k) => versionOf([...snapshot.resources[k].values()])).join('.');
    if (entry.snapshot && fingerprint === entry.fingerprint) {
      // Output unchanged: nothing to push (proxies that have no snapshot yet still need one).
      for (const c of entry.proxies.values()) if (!c.protocol.hasSnapshot()) c.protocol.setSnapshot(entry.snapshot);
      if (hadError) this.scheduleSync(nodeKey(entry.ref), entry);
      return;
    }
    entry.snapshot = snapshot;
    entry.fingerprint = fingerprint;
    for (const c of entry.proxies.values()) c.protocol.setSnapshot(snapshot);
  }

  /** Only nodes that exist get here, so proxies naming made-up nodes never grow the list. */
  private markSeen(ref: NodeRef): void {
    let names = this.seen.get(ref.meshName);
    if (!names) {
      names = new Set();
      this.seen.set(ref.meshName, names);
    }
    names.add(ref.nodeName);
  }

  private setError(entry: NodeEntry, message: string): void {
    this.deps.logger?.error('xds config error', { mesh: entry.ref.meshName, node: entry.ref.nodeName, message });
    entry.configError = message;
    this.scheduleSync(nodeKey(entry.ref), entry);
  }

  /** Coalesces status events per node to one per tick; computes them only when someone listens. */
  private scheduleSync(key: string, entry = this.nodes.get(key)): void {
    if (!entry || this.events.listenerCount('sync') === 0 || this.syncDue.has(key)) return;
    this.syncDue.add(key);
    const ref = entry.ref;
    setImmediate(() => {
      this.syncDue.delete(key);
      this.events.emit('sync', { meshName: ref.meshName, virtualNodeName: ref.nodeName, status: this.syncStatus(ref) });
    });
  }
}
