// A backend service's part of a node's egress: its resolved ports, virtual hosts, TCP destinations and the
// target clusters they reach. It reads nothing of the calling node but the client policy it calls with, so
// it is built once and handed back, the very same objects, to every compile (of any caller, with that
// policy and the same options) while each mesh item its build looked up is still the same object (mesh
// items are immutable: a write replaces the item it changes). A route weight change rebuilds the part of
// the one service whose router holds the route, and nothing else.
import type { Site, Unresolved } from '../resolve/plan';
import type { MeshIndex } from '../input/mesh-index';
import { Problems, providedPorts } from '../resolve/resolve';
import type { ClientPolicy } from '../virtual-node/tls';
import type { TargetContext, ServiceItem } from '../envoy/context';
import { diagnostic, type CompileDiagnostic, type DiagnosticSink, type Diagnostics } from '../envoy/diagnostics';
import type { FindingCategory, ResourceId } from '../analysis/finding';
import type { CompileDiagnosticCode } from '../analysis/finding-codes';
import { backendEgress, type BackendEgress } from '../envoy/listener';
import type { ClusterUse, TargetClusters, TargetSink } from '../envoy/target-cluster';
import { remembered } from './memo';

/** What a part's build met, in order: a diagnostic, a target cluster, or client TLS it could not compile. */
type BuildEvent = { diag: CompileDiagnostic } | { use: ClusterUse } | { tls: { path: string; message: string } };

/** One name looked up in the mesh index, and what it found (undefined: nothing). */
interface Read {
  map: keyof MeshIndex;
  key: string;
  value: unknown;
}

export interface BackendPart {
  /** What the resolver could not resolve about the service (provider, routes, targets), in order met. */
  problems: Unresolved[];
  egress: BackendEgress;
  /** What building the egress met; a compile replays it with the caller's backend site. */
  events: BuildEvent[];
  /** The read keys of compileWithReads: what a change must touch to change this part. */
  readKeys: string[];
  /** The lookups that must find the same items for the part to hold; undefined when its build walked a whole index. */
  reads: Read[] | undefined;
  /** The index the part was built on or last found to hold on. */
  heldOn: MeshIndex;
  /** What the egress listeners take from this part (TCP destinations and HTTP ports), as text. */
  listenerKey: string;
  /** The virtual hosts as text. */
  hostsText: string;
  /** Names `egress.virtualHosts`: the same name, the same list. */
  hostsKey: string;
}

/** What a part is built with besides the mesh: the options and the mesh-wide settings it reads. */
export interface PartEnv extends Omit<TargetContext, 'diag' | 'targets'> {
  /** Every input of the env as text: parts built with another key are other parts. */
  key: string;
}

const READ_PREFIX: Record<keyof MeshIndex, string> = {
  nodes: 'virtualNode',
  routers: 'virtualRouter',
  services: 'virtualService',
  routesByRouter: 'routesOf',
};

/** The site a part's build is given in place of a caller's; diagnostics that name it are kept as events and replayed at each caller's own site. */
const CALLER_SITE: Site = { resource: { kind: 'virtualNode', name: '' }, path: '' };

/** Records a part's diagnostics and target clusters in the order building meets them. */
class BuildLog implements DiagnosticSink, TargetSink {
  readonly events: BuildEvent[] = [];

  warn(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void {
    this.events.push({ diag: diagnostic('warning', code, resource, path, message, category) });
  }

  error(code: CompileDiagnosticCode, resource: ResourceId, path: string, message: string, category?: FindingCategory): void {
    this.events.push({ diag: diagnostic('error', code, resource, path, message, category) });
  }

  use(use: ClusterUse): void {
    this.events.push({ use });
  }

  tlsUnsupported(_backend: unknown, path: string, message: string): void {
    this.events.push({ tls: { path, message } });
  }
}

/** The names a part's build looked up, each once, and whether it used an index in any other way. */
class ReadLog {
  readonly byKey = new Map<string, Read>();
  walked = false;

  lookup<V>(map: Map<string, V>, which: keyof MeshIndex, key: string): V | undefined {
    const value = map.get(key);
    const readKey = `${READ_PREFIX[which]}:${key}`;
    if (!this.byKey.has(readKey)) this.byKey.set(readKey, { map: which, key, value });
    return value;
  }

  /** A read-only view of an index map that logs every name looked up; any other use marks the log walked. */
  view<V>(map: Map<string, V>, which: keyof MeshIndex): Map<string, V> {
    return new Proxy(map, new IndexView(this, map, which));
  }
}

// A class, not closures: tsx names every closure it makes, which costs more than the lookups.
class IndexView<V> implements ProxyHandler<Map<string, V>> {
  private readonly lookup: (key: string) => V | undefined;
  private readonly present: (key: string) => boolean;

  constructor(private readonly log: ReadLog, map: Map<string, V>, which: keyof MeshIndex) {
    this.lookup = log.lookup.bind(log, map, which) as (key: string) => V | undefined;
    this.present = this.found.bind(this);
  }

  private found(key: string): boolean {
    return this.lookup(key) !== undefined;
  }

  get(target: Map<string, V>, prop: string | symbol): unknown {
    if (prop === 'get') return this.lookup;
    if (prop === 'has') return this.present;
    this.log.walked = true;
    const value: unknown = Reflect.get(target, prop, target);
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
  }
}

// Numbers the virtual host lists parts build (a list a rebuilt part takes over keeps its number).
let hostsCount = 0;

/** The part of `serviceName` called with `policy`; `previous`, the part it replaces, lends what is equal in it. */
function buildPart(index: MeshIndex, serviceName: string, policy: ClientPolicy | undefined, env: PartEnv, previous: BackendPart | undefined): BackendPart {
  const reads = new ReadLog();
  const tracked: MeshIndex = {
    nodes: reads.view(index.nodes, 'nodes'),
    routers: reads.view(index.routers, 'routers'),
    services: reads.view(index.services, 'services'),
    routesByRouter: reads.view(index.routesByRouter, 'routesByRouter'),
  };
  const p = new Problems();
  const ports = providedPorts(tracked, p, serviceName);
  const log = new BuildLog();
  const ctx: TargetContext = { meshName: env.meshName, opts: env.opts, meshIpPreference: env.meshIpPreference, diag: log, targets: log };
  const built = backendEgress(ctx, { name: serviceName, path: '', backend: { policy, site: CALLER_SITE }, ports });
  // What equals the replaced part's is its very object, so callers can tell at a glance what they must rebuild.
  // Equal hosts (a TCP route changed, or a target node's health check) keep the callers' route configurations.
  const hostsText = JSON.stringify(built.virtualHosts);
  const egress = previous && previous.hostsText === hostsText ? { ...built, virtualHosts: previous.egress.virtualHosts } : built;
  const readKeys = [...reads.byKey.keys()];
  if (reads.walked) readKeys.push('*');
  return {
    problems: previous && sameJson(previous.problems, p.list) ? previous.problems : p.list,
    egress,
    events: previous && sameEvents(previous.events, log.events) ? previous.events : log.events,
    readKeys: previous && sameStrings(previous.readKeys, readKeys) ? previous.readKeys : readKeys,
    reads: reads.walked ? undefined : [...reads.byKey.values()],
    heldOn: index,
    listenerKey: JSON.stringify([egress.tcp, egress.httpPorts]),
    hostsText,
    hostsKey: previous && egress.virtualHosts === previous.egress.virtualHosts ? previous.hostsKey : String(hostsCount++),
  };
}

const sameStrings = (a: string[], b: string[]) => a.length === b.length && a.every((k, i) => k === b[i]);
const sameEvents = (a: BuildEvent[], b: BuildEvent[]) => a.length === b.length && a.every((e, i) => sameEvent(e, b[i]));
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Target clusters by identity (their objects are memoised on their inputs), anything else by content. */
function sameEvent(a: BuildEvent, b: BuildEvent | undefined): boolean {
  if (!b) return false;
  if ('use' in a) return 'use' in b && a.use.cluster === b.use.cluster && a.use.node === b.use.node && a.use.listener === b.use.listener;
  return !('use' in b) && sameJson(a, b);
}

const sameItems = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * Whether every lookup of the part's build finds the same items in `index` (a router's routes: the same
 * routes in the same order). A lookup in a map the part was last found to hold on is not repeated: the
 * index keeps a map per model list, and a write replaces one list (a route change, the routes only).
 */
function holds(part: BackendPart, index: MeshIndex): boolean {
  if (!part.reads) return false;
  const at = part.heldOn;
  if (at.nodes === index.nodes && at.routers === index.routers && at.services === index.services && at.routesByRouter === index.routesByRouter) return true;
  for (const r of part.reads) {
    if (at[r.map] === index[r.map]) continue;
    const now: unknown = index[r.map].get(r.key);
    if (now !== r.value && !(r.map === 'routesByRouter' && sameItems(now, r.value))) return false;
  }
  part.heldOn = index;
  return true;
}

// Parts by service item, then by env and client policy (as text: equal policies share a part).
const parts = new WeakMap<ServiceItem, Map<string, BackendPart>>();

/** The part of `service` called with `policy`: the one built before while it holds, else a new one. */
export function backendPart(index: MeshIndex, service: ServiceItem, policy: ClientPolicy | undefined, env: PartEnv): BackendPart {
  const byKey = remembered(parts, service, () => new Map<string, BackendPart>());
  const key = policy === undefined ? env.key : `${env.key}\0${JSON.stringify(policy)}`;
  const known = byKey.get(key);
  if (known && holds(known, index)) return known;
  const part = buildPart(index, service.virtualServiceName, policy, env, known);
  byKey.set(key, part);
  return part;
}

/** Adds what building the part met to a caller's compile, reported at the caller's backend site. */
export function replayPart(part: BackendPart, site: Site, diag: Diagnostics, clusters: TargetClusters): void {
  for (const e of part.events) {
    if ('diag' in e) diag.add(e.diag);
    else if ('use' in e) clusters.add(diag, e.use, site);
    else diag.error('compile.tls-unsupported', site.resource, `${site.path}.${e.tls.path}`, e.tls.message);
  }
}
