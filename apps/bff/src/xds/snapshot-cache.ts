// The snapshot cache (go-control-plane's `cache`): per watched virtual node or gateway, the resources compile
// made for it, encoded, with a content hash per type. It knows nothing of streams or nonces: watchers
// get a snapshot when its content changed, or word that their node is gone. A change event names a
// mesh and the resource that changed; the cache recomputes only the watched nodes whose last compile
// read that resource (compileWithReads), coalescing bursts.
import { readKeyOf, type MeshModel } from '@meshwright/model';
import { Coalescer } from './coalesce';
import { describeProxy, nodeKey, proxyKindOf, type NodeRef, type ProxyKind } from './node-id';
import type { EnvoyTypes } from './protos';
import { buildSnapshot, EncodeCache, PUSH_ORDER, type NodeSnapshot, type ResourceSet } from './snapshot';
import type { XdsLogger } from './xds-events';

/**
 * Compile for one node or gateway (by name and kind): the resources Envoy gets over ADS, and what of
 * the mesh the compile read (see compileWithReads). Without `reads` the node is recompiled on every change.
 */
export type CompileNode = (model: MeshModel, name: string, kind: ProxyKind) => { resources: ResourceSet; reads?: ReadonlySet<string> };

/**
 * Why a mesh is refreshed: a committed change to one resource (with the mesh after it, when the
 * caller has it: then the recompute runs at once, without a store read); 'all' when anything may
 * have changed; 'new' when only proxies without a snapshot yet need one (a proxy connected).
 */
export type MeshRefresh = { kind: string; name: string; model?: MeshModel | undefined } | 'all' | 'new';

/** What changed in a mesh since its last recompute. */
interface Pending {
  all: boolean;
  /** Some change happened: nodes that read '*' (gateways) recompute. */
  any: boolean;
  keys: Set<string>;
  /** The mesh after the latest change, when it came with one. */
  model: MeshModel | undefined;
}

/** Whether the mesh has the node or gateway a proxy stands for. */
export function hasProxy(model: MeshModel, ref: NodeRef): boolean {
  return ref.kind === 'virtualGateway'
    ? model.virtualGateways.some((g) => g.virtualGatewayName === ref.nodeName)
    : model.virtualNodes.some((n) => n.virtualNodeName === ref.nodeName);
}

/** One party interested in a node's snapshot: in practice one proxy's stream. */
export interface SnapshotWatcher {
  snapshot(snapshot: NodeSnapshot): void;
  /** The node or its mesh no longer exists. */
  gone(message: string): void;
}

/** What the cache reports about nodes, for sync status. */
export interface CacheObserver {
  /** The node was computed from a mesh that has it. */
  resolved(ref: NodeRef): void;
  /** The node is not in its mesh (any more). */
  missing(ref: NodeRef): void;
  /** The node's config error was set or cleared. */
  configErrorChanged(ref: NodeRef): void;
}

export interface SnapshotCacheDeps {
  loadMeshModel(meshName: string): Promise<MeshModel | undefined>;
  compileNode: CompileNode;
  types: EnvoyTypes;
  observer?: CacheObserver;
  logger?: XdsLogger;
}

interface Watch {
  watcher: SnapshotWatcher;
  /** The last snapshot this watcher got; a new watcher of an unchanged node still needs one. */
  delivered: NodeSnapshot | undefined;
}

interface NodeEntry {
  ref: NodeRef;
  watches: Set<Watch>;
  snapshot: NodeSnapshot | undefined;
  /** All type versions together: equal fingerprints mean nothing to push. */
  fingerprint: string;
  configError: string | null;
  /** What the last good compile read; undefined: recompute on every change. */
  reads: ReadonlySet<string> | undefined;
}

export class SnapshotCache {
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly encoded = new EncodeCache();
  private readonly pending = new Map<string, Pending>();
  private readonly refresher = new Coalescer((meshName) => this.recompute(meshName));

  constructor(private readonly deps: SnapshotCacheDeps) {}

  /**
   * Watches a node; a snapshot the cache already has is delivered at once. A node nobody watches is
   * forgotten, so the cache holds only nodes with a connected proxy. Returns the cancel function.
   */
  watch(ref: NodeRef, watcher: SnapshotWatcher): () => void {
    const key = nodeKey(ref);
    let entry = this.nodes.get(key);
    if (!entry) {
      entry = { ref, watches: new Set(), snapshot: undefined, fingerprint: '', configError: null, reads: undefined };
      this.nodes.set(key, entry);
    }
    const watch: Watch = { watcher, delivered: undefined };
    entry.watches.add(watch);
    if (entry.snapshot) this.deliver(watch, entry.snapshot);
    const node = entry;
    return () => {
      node.watches.delete(watch);
      if (node.watches.size === 0 && this.nodes.get(key) === node) this.nodes.delete(key);
    };
  }

  snapshot(ref: NodeRef): NodeSnapshot | undefined {
    return this.nodes.get(nodeKey(ref))?.snapshot;
  }

  /** Why the latest change could not become config for the node (its last good snapshot stays). */
  configError(ref: NodeRef): string | null {
    return this.nodes.get(nodeKey(ref))?.configError ?? null;
  }

  /**
   * Recomputes the mesh's watched nodes that `why` can affect; calls during a run coalesce into one
   * more run, so the last write always wins. With a change that carries its model and no run in
   * progress, the push is under way when this returns (no await before it).
   */
  refreshMesh(meshName: string, why: MeshRefresh = 'all'): Promise<void> {
    let p = this.pending.get(meshName);
    if (!p) {
      p = { all: false, any: false, keys: new Set(), model: undefined };
      this.pending.set(meshName, p);
    }
    if (why === 'all') {
      Object.assign(p, { all: true, any: true, model: undefined });
    } else if (why !== 'new') {
      p.any = true;
      p.model = why.model;
      if (why.kind === 'mesh') p.all = true;
      const key = readKeyOf(why.kind, why.name);
      if (key) p.keys.add(key);
    }
    return this.refresher.trigger(meshName);
  }

  private recompute(meshName: string): Promise<void> | void {
    const p = this.pending.get(meshName);
    this.pending.delete(meshName);
    const entries = [...this.nodes.values()].filter((e) => e.ref.meshName === meshName && this.affected(e, p));
    if (entries.length === 0) return;
    if (p?.model) return this.recomputeWith(meshName, entries, p.model);
    return this.deps.loadMeshModel(meshName).then(
      (model) => this.recomputeWith(meshName, entries, model),
      (e: unknown) => {
        for (const entry of entries) this.setError(entry, `could not load mesh ${meshName}: ${(e as Error).message}`);
      },
    );
  }

  /** Whether the changes in `p` can change what the entry's proxies get. */
  private affected(entry: NodeEntry, p: Pending | undefined): boolean {
    if (!entry.snapshot || !entry.reads || !p || p.all) return true;
    if (p.any && entry.reads.has('*')) return true;
    for (const key of p.keys) if (entry.reads.has(key)) return true;
    return false;
  }

  private recomputeWith(meshName: string, entries: NodeEntry[], model: MeshModel | undefined): void {
    // Names looked up once per run, not a scan of the mesh per node (1,000 nodes, 1,000 scans).
    const nodeNames = new Set(model?.virtualNodes.map((n) => n.virtualNodeName));
    const gatewayNames = new Set(model?.virtualGateways.map((g) => g.virtualGatewayName));
    const present = (ref: NodeRef) => (ref.kind === 'virtualGateway' ? gatewayNames : nodeNames).has(ref.nodeName);
    for (const entry of entries) {
      if (entry.watches.size === 0) continue;
      if (!model || !present(entry.ref)) {
        const message = model ? `${describeProxy(entry.ref)} does not exist in mesh "${meshName}"` : `mesh "${meshName}" does not exist`;
        entry.reads = undefined;
        for (const w of [...entry.watches]) w.watcher.gone(message);
        this.deps.observer?.missing(entry.ref);
        continue;
      }
      this.deps.observer?.resolved(entry.ref);
      this.update(entry, model);
    }
  }

  private update(entry: NodeEntry, model: MeshModel): void {
    let snapshot: NodeSnapshot;
    try {
      const { resources, reads } = this.deps.compileNode(model, entry.ref.nodeName, proxyKindOf(entry.ref));
      snapshot = buildSnapshot(this.deps.types, entry.ref.meshName, entry.ref.nodeName, resources, this.encoded, entry.snapshot);
      entry.reads = reads;
    } catch (e) {
      this.setError(entry, `config for ${entry.ref.meshName}/${entry.ref.nodeName} not built: ${(e as Error).message}`);
      return;
    }
    if (entry.configError !== null) {
      entry.configError = null;
      this.deps.observer?.configErrorChanged(entry.ref);
    }
    const fingerprint = PUSH_ORDER.map((k) => snapshot.versions[k]).join('.');
    if (entry.snapshot && fingerprint === entry.fingerprint) {
      // Output unchanged: nothing to push (watchers that have no snapshot yet still need one).
      const current = entry.snapshot;
      for (const w of entry.watches) if (!w.delivered) this.deliver(w, current);
      return;
    }
    entry.snapshot = snapshot;
    entry.fingerprint = fingerprint;
    for (const w of [...entry.watches]) this.deliver(w, snapshot);
  }

  private deliver(watch: Watch, snapshot: NodeSnapshot): void {
    watch.delivered = snapshot;
    watch.watcher.snapshot(snapshot);
  }

  private setError(entry: NodeEntry, message: string): void {
    this.deps.logger?.error('xds config error', { mesh: entry.ref.meshName, node: entry.ref.nodeName, message });
    entry.configError = message;
    // What would fix the error is unknown: the node recompiles on every change until it builds.
    entry.reads = undefined;
    this.deps.observer?.configErrorChanged(entry.ref);
  }
}
