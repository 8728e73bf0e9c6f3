// One virtual node's compile, assembled from pieces kept between runs, so a change rebuilds only the
// output it can alter and hands back the very same objects for the rest (the xDS encoder knows them by
// identity). What is built from the node's own item (ingress listener, clusters and routes, its backend
// list, the egress filter's clusters) is kept per node item and options; each backend service's part
// (backend-part.ts) is kept while the items it read are unchanged; the egress route configuration is
// rebuilt only when a part's virtual hosts changed, the egress listeners only when what they take from
// the parts did. Replaying kept diagnostics in build order makes the result equal a cold compile's.
import type { MeshIndex } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import { accessLogs } from '../envoy/access-log';
import { allowAllCluster } from '../envoy/cluster';
import type { CompileContext, NodeItem } from '../envoy/context';
import { DiagnosticLog, Diagnostics, type CompileDiagnostic, type DiagnosticSink } from '../envoy/diagnostics';
import { passthroughCluster } from '../envoy/egress-passthrough';
import { byString, type EnvoyResource, type JsonValue } from '../envoy/json';
import { compileIngress, egressListeners, type ListenerOutput } from '../envoy/listener';
import { resolveOptions, type CompileOptions } from '../envoy/options';
import { egressRouteConfig } from '../envoy/route-config';
import { TargetClusters } from '../envoy/target-cluster';
import { Problems, backendEntries, backendMissing, ingressPorts, type BackendEntry } from '../resolve/resolve';
import type { Unresolved } from '../resolve/plan';
import { backendPart, replayPart, type BackendPart, type PartEnv } from './backend-part';
import { remembered } from './memo';

/** Envoy resources of one proxy, each list as compile returns it. */
export interface NodeResources {
  clusters: EnvoyResource[];
  listeners: EnvoyResource[];
  routes: EnvoyResource[];
}

/** A node's compile without its bootstrap, and the read keys of what it read of the mesh. */
export interface NodeOutput {
  resources: NodeResources;
  diagnostics: CompileDiagnostic[];
  reads: ReadonlySet<string>;
}

interface NodeEnv extends PartEnv {
  meshEgressFilter: CompileContext['meshEgressFilter'];
  /** The env as text, egress filter included: what a node's kept pieces are built with. */
  nodeKey: string;
}

/** The last run's output and the pieces it was assembled from. */
interface LastRun {
  parts: (BackendPart | undefined)[];
  routes: EnvoyResource;
  listeners: EnvoyResource[];
  listenerLog: CompileDiagnostic[];
  clusters: EnvoyResource[];
  output: NodeOutput;
}

/** What a node's compile keeps: everything built from the node's item alone, and its last run. */
interface NodeMemo {
  accessLog: JsonValue[] | undefined;
  ingressProblems: Unresolved[];
  ingress: ListenerOutput;
  ingressLog: CompileDiagnostic[];
  backends: BackendEntry[];
  allowAll: { cluster: EnvoyResource; passthrough: EnvoyResource } | undefined;
  last: LastRun | undefined;
}

function buildEnv(model: MeshModel, options: CompileOptions): NodeEnv {
  const opts = resolveOptions(options);
  const meshName = model.mesh.meshName;
  const meshIpPreference = model.mesh.spec.serviceDiscovery?.ipPreference;
  const meshEgressFilter = model.mesh.spec.egressFilter?.type ?? 'DROP_ALL';
  const key = `${meshName}\0${meshIpPreference ?? ''}\0${JSON.stringify(opts)}`;
  return { opts, meshName, meshIpPreference, meshEgressFilter, key, nodeKey: `${key}\0${meshEgressFilter}` };
}

// Options and the mesh item are read as immutable, like the rest of the model: the xDS server passes one options object for every compile.
const envs = new WeakMap<CompileOptions, WeakMap<MeshModel['mesh'], NodeEnv>>();

function environment(model: MeshModel, options: CompileOptions): NodeEnv {
  return remembered(remembered(envs, options, () => new WeakMap()), model.mesh, () => buildEnv(model, options));
}

function context(self: NodeItem, env: NodeEnv, accessLog: JsonValue[] | undefined, diag: DiagnosticSink): CompileContext {
  const { meshName, opts, meshIpPreference, meshEgressFilter } = env;
  return { meshName, self, opts, diag, meshIpPreference, meshEgressFilter, accessLog };
}

function buildMemo(self: NodeItem, env: NodeEnv): NodeMemo {
  const p = new Problems();
  const ports = ingressPorts(p, self);
  const log = new DiagnosticLog();
  const accessLog = accessLogs(self.spec);
  const ingress = compileIngress(context(self, env, accessLog, log), ports);
  const allowAll = env.meshEgressFilter === 'ALLOW_ALL' ? { cluster: allowAllCluster(env), passthrough: passthroughCluster(env) } : undefined;
  return { accessLog, ingressProblems: p.list, ingress, ingressLog: log.items, backends: backendEntries(self), allowAll, last: undefined };
}

// Node items are immutable (a write replaces the item it changes), so what is built from one holds for as long as it lives.
const memos = new WeakMap<NodeItem, Map<string, NodeMemo>>();

function memoOf(self: NodeItem, env: NodeEnv): NodeMemo {
  return remembered(remembered(memos, self, () => new Map<string, NodeMemo>()), env.nodeKey, () => buildMemo(self, env));
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const byName = (a: EnvoyResource, b: EnvoyResource) => byString(a.name, b.name);

/** The diagnostics in the order a cold build meets them (the resolver's problems, then the builders'), and the target clusters. */
function diagnose(index: MeshIndex, self: NodeItem, memo: NodeMemo, parts: (BackendPart | undefined)[], listenerLog: CompileDiagnostic[]) {
  const selfId = { kind: 'virtualNode' as const, name: self.virtualNodeName };
  const diag = new Diagnostics();
  for (const u of memo.ingressProblems) diag.add(u);
  memo.backends.forEach((b, i) => {
    const part = parts[i];
    if (part) for (const u of part.problems) diag.add(u);
    else {
      const p = new Problems();
      backendMissing(index, p, selfId, b.name, b.path);
      for (const u of p.list) diag.add(u);
    }
  });
  for (const u of memo.ingressLog) diag.add(u);
  const targets = new TargetClusters();
  memo.backends.forEach((b, i) => {
    const part = parts[i];
    if (part) replayPart(part, b.backend.site, diag, targets);
  });
  for (const u of listenerLog) diag.add(u);
  const egressClusters = memo.allowAll ? [memo.allowAll.cluster, memo.allowAll.passthrough] : [];
  return { diagnostics: diag.list(), clusters: [...memo.ingress.clusters, ...egressClusters, ...targets.byName.values()].sort(byName) };
}

/** The compile's reads: the node itself, and what each backend's part read (a missing service: its name). */
function readsOf(self: NodeItem, memo: NodeMemo, parts: (BackendPart | undefined)[]): ReadonlySet<string> {
  const reads = new Set([`virtualNode:${self.virtualNodeName}`]);
  memo.backends.forEach((b, i) => {
    for (const key of parts[i]?.readKeys ?? [`virtualService:${b.name}`]) reads.add(key);
  });
  return reads;
}

// Callers of the same services (same policies, same options) share the very route configuration object,
// which the xDS encoder then knows by identity: built once per change, not once per caller. Keyed by the
// parts' host lists (hostsKey); the oldest entries go past a bound, so lists that are gone are not kept
// alive, and a node whose entry went builds its own.
const SHARED_ROUTES = 4096;
const sharedRoutes = new Map<string, EnvoyResource>();

function egressRoutes(env: NodeEnv, present: BackendPart[], allowAll: string | undefined): EnvoyResource {
  let key = `${env.opts.egressPort}\0${allowAll ?? ''}`;
  for (const p of present) key += `\0${p.hostsKey}`;
  const known = sharedRoutes.get(key);
  if (known) return known;
  const routes = egressRouteConfig(env, present.flatMap(hostsOf), allowAll);
  sharedRoutes.set(key, routes);
  for (const oldest of sharedRoutes.keys()) {
    if (sharedRoutes.size <= SHARED_ROUTES) break;
    sharedRoutes.delete(oldest);
  }
  return routes;
}

// What the pieces of a run are made of, from each part (top-level functions: no closure per compile).
const hostsOf = (p: BackendPart) => p.egress.virtualHosts;
const listenerKeyOf = (p: BackendPart) => p.listenerKey;
const problemsOf = (p: BackendPart) => p.problems;
const eventsOf = (p: BackendPart) => p.events;
const readKeysOf = (p: BackendPart) => p.readKeys;
const egressOf = (p: BackendPart) => p.egress;
const isPart = (p: BackendPart | undefined): p is BackendPart => p !== undefined;

/** Whether every part gives the same `pick` as the last run's part in its place (the same part, or both missing). */
function kept(last: LastRun, parts: (BackendPart | undefined)[], pick: (p: BackendPart) => unknown): boolean {
  if (last.parts.length !== parts.length) return false;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    const q = last.parts[i];
    if (p !== q && (p === undefined || q === undefined || pick(p) !== pick(q))) return false;
  }
  return true;
}

/**
 * The run for `parts`, rebuilding from the last run only what depends on a part that changed: a part
 * rebuilt with equal hosts, events or reads (backend-part.ts) hands back the earlier objects for them.
 */
function assemble(index: MeshIndex, self: NodeItem, env: NodeEnv, memo: NodeMemo, parts: (BackendPart | undefined)[]): LastRun {
  const last = memo.last;
  const present = parts.filter(isPart);
  const allowAll = memo.allowAll?.cluster.name;
  const routes = last && kept(last, parts, hostsOf) ? last.routes : egressRoutes(env, present, allowAll);
  // ADS listeners name their route configuration; static ones carry it inline.
  const keepListeners = last !== undefined && kept(last, parts, listenerKeyOf) && (env.opts.mode === 'ads' || last.routes === routes);
  const log = new DiagnosticLog();
  const listeners = last && keepListeners ? last.listeners : egressListeners(context(self, env, memo.accessLog, log), present.map(egressOf), routes, allowAll);
  const listenerLog = last && keepListeners ? last.listenerLog : log.items;
  const keepDiagnostics = last && keepListeners && kept(last, parts, problemsOf) && kept(last, parts, eventsOf);
  const { diagnostics, clusters } = last && keepDiagnostics ? { diagnostics: last.output.diagnostics, clusters: last.clusters } : diagnose(index, self, memo, parts, listenerLog);
  const reads = last && kept(last, parts, readKeysOf) ? last.output.reads : readsOf(self, memo, parts);
  const resources = {
    clusters,
    listeners: last && keepListeners ? last.output.resources.listeners : [...memo.ingress.listeners, ...listeners],
    routes: [...memo.ingress.routes, routes].sort(byName),
  };
  return { parts, routes, listeners, listenerLog, clusters, output: { resources, diagnostics, reads } };
}

/** New lists of the same objects: a caller that sorts or extends a list cannot change the kept one. */
const fresh = ({ resources, diagnostics, reads }: NodeOutput): NodeOutput => ({
  resources: { clusters: [...resources.clusters], listeners: [...resources.listeners], routes: [...resources.routes] },
  diagnostics: [...diagnostics],
  reads,
});

/** The compile of `self`, a node of the indexed mesh, without its bootstrap. */
export function compileNode(model: MeshModel, index: MeshIndex, self: NodeItem, options: CompileOptions): NodeOutput {
  const env = environment(model, options);
  const memo = memoOf(self, env);
  const parts: (BackendPart | undefined)[] = [];
  for (const b of memo.backends) {
    const service = index.services.get(b.name);
    parts.push(service && backendPart(index, service, b.backend.policy, env));
  }
  if (!memo.last || !sameItems(parts, memo.last.parts)) memo.last = assemble(index, self, env, memo, parts);
  return fresh(memo.last.output);
}
