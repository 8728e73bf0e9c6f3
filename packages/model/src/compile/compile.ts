// compile(): the Envoy configuration of one virtual node's proxy. Pure and deterministic: pieces of
// output kept from earlier runs (node-compile.ts) are handed back only where a cold compile would
// build the same.
import type { MeshIndex } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import { adsBootstrap, staticBootstrap } from '../envoy/bootstrap';
import { indexModel } from '../envoy/context';
import type { CompileDiagnostic } from '../envoy/diagnostics';
import { byString, type EnvoyResource, type JsonObject } from '../envoy/json';
import { resolveOptions, type CompileOptions } from '../envoy/options';
import { remembered } from './memo';
import { compileNode, type NodeOutput } from './node-compile';

export interface EnvoyResources {
  /** Sorted by name. Served over CDS first (make-before-break). */
  clusters: EnvoyResource[];
  /** Ingress, egress, then TCP egress listeners. */
  listeners: EnvoyResource[];
  /** Route configurations, sorted by name; inline in static listeners, over RDS in ADS mode. */
  routes: EnvoyResource[];
}

export interface CompileResult {
  resources: EnvoyResources;
  /** The bootstrap for `options.mode`: static (complete) or ADS (fetches `resources`). */
  bootstrap: JsonObject;
  /** What compile left out or assumed, sorted like analysis findings. */
  diagnostics: CompileDiagnostic[];
}

const NO_ITEMS: MeshModel = { mesh: { meshName: '', spec: {} }, virtualNodes: [], virtualRouters: [], routes: [], virtualServices: [], virtualGateways: [], gatewayRoutes: [] };

export class UnknownVirtualNodeError extends Error {
  constructor(readonly virtualNodeName: string, readonly meshName: string) {
    super(`virtual node "${virtualNodeName}" does not exist in mesh "${meshName}"`);
    this.name = 'UnknownVirtualNodeError';
  }
}

/** `build` memoised on the list it reads (lists, like their items, are never changed in place). */
function perList<L extends object, V>(build: (list: L) => V): (list: L) => V {
  const built = new WeakMap<L, V>();
  return (list) => remembered(built, list, () => build(list));
}

// indexMeshModel's maps, each kept per list: a write replaces only the list of the kind it changed, so the
// mesh after it shares the other maps with the mesh before (a route change re-indexes routes only).
const nodesOf = perList((list: MeshModel['virtualNodes']) => indexModel({ ...NO_ITEMS, virtualNodes: list }).nodes);
const routersOf = perList((list: MeshModel['virtualRouters']) => indexModel({ ...NO_ITEMS, virtualRouters: list }).routers);
const servicesOf = perList((list: MeshModel['virtualServices']) => indexModel({ ...NO_ITEMS, virtualServices: list }).services);
const routesOf = perList((list: MeshModel['routes']) => indexModel({ ...NO_ITEMS, routes: list }).routesByRouter);

// One index per model object: models are immutable, and every node of a mesh shares it.
const indexes = new WeakMap<MeshModel, MeshIndex>();
export function sharedIndex(model: MeshModel): MeshIndex {
  return remembered(indexes, model, () => ({
    nodes: nodesOf(model.virtualNodes),
    routers: routersOf(model.virtualRouters),
    services: servicesOf(model.virtualServices),
    routesByRouter: routesOf(model.routes),
  }));
}

/** The node's resources, diagnostics and reads; throws UnknownVirtualNodeError for a name the mesh lacks. */
export function compileResources(model: MeshModel, index: MeshIndex, virtualNodeName: string, options: CompileOptions): NodeOutput {
  const self = index.nodes.get(virtualNodeName);
  if (!self) throw new UnknownVirtualNodeError(virtualNodeName, model.mesh.meshName);
  return compileNode(model, index, self, options);
}

function withBootstrap(model: MeshModel, index: MeshIndex, virtualNodeName: string, options: CompileOptions): CompileResult {
  const { resources, diagnostics } = compileResources(model, index, virtualNodeName, options);
  const opts = resolveOptions(options);
  const input = { meshName: model.mesh.meshName, nodeName: virtualNodeName, opts, listeners: resources.listeners, clusters: resources.clusters };
  return { resources, bootstrap: opts.mode === 'ads' ? adsBootstrap(input) : staticBootstrap(input), diagnostics };
}

/** The Envoy resources and bootstrap for the proxy bound to `virtualNodeName`. */
export function compile(model: MeshModel, virtualNodeName: string, options: CompileOptions = {}): CompileResult {
  return withBootstrap(model, sharedIndex(model), virtualNodeName, options);
}

/**
 * Every node of the mesh, by node name in name order. Indexes the mesh once, so a 1,000-node mesh
 * costs 1,000 small compiles rather than 1,000 re-reads of the whole mesh.
 */
export function compileAll(model: MeshModel, options: CompileOptions = {}): Map<string, CompileResult> {
  const index = sharedIndex(model);
  const names = [...index.nodes.keys()].sort(byString);
  return new Map(names.map((name) => [name, withBootstrap(model, index, name, options)]));
}
