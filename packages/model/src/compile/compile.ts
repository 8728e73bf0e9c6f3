// compile(): the Envoy configuration of one virtual node's proxy. Pure and deterministic.
import type { MeshModel } from '../input/mesh-model';
import { accessLogs } from '../envoy/access-log';
import { adsBootstrap, staticBootstrap } from '../envoy/bootstrap';
import { indexModel, type CompileContext } from '../envoy/context';
import { Diagnostics, type CompileDiagnostic } from '../envoy/diagnostics';
import { compileEgress, compileIngress } from '../envoy/listener';
import { byString, type EnvoyResource, type JsonObject } from '../envoy/json';
import { resolveOptions, type CompileOptions } from '../envoy/options';
import { resolveProxy } from '../resolve/resolve';

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

export class UnknownVirtualNodeError extends Error {
  constructor(readonly virtualNodeName: string, readonly meshName: string) {
    super(`virtual node "${virtualNodeName}" does not exist in mesh "${meshName}"`);
    this.name = 'UnknownVirtualNodeError';
  }
}

/** The Envoy resources and bootstrap for the proxy bound to `virtualNodeName`. */
export function compile(model: MeshModel, virtualNodeName: string, options: CompileOptions = {}): CompileResult {
  return compileIndexed(model, indexModel(model), virtualNodeName, options);
}

/**
 * Every node of the mesh, by node name in name order. Indexes the mesh once, so a 1,000-node mesh
 * costs 1,000 small compiles rather than 1,000 re-reads of the whole mesh.
 */
export function compileAll(model: MeshModel, options: CompileOptions = {}): Map<string, CompileResult> {
  const index = indexModel(model);
  const names = [...index.nodes.keys()].sort(byString);
  return new Map(names.map((name) => [name, compileIndexed(model, index, name, options)]));
}

export function compileIndexed(model: MeshModel, index: ReturnType<typeof indexModel>, virtualNodeName: string, options: CompileOptions): CompileResult {
  const self = index.nodes.get(virtualNodeName);
  if (!self) throw new UnknownVirtualNodeError(virtualNodeName, model.mesh.meshName);
  const opts = resolveOptions(options);
  const plan = resolveProxy(index, self);
  const diag = new Diagnostics();
  // What the resolver could not resolve is left out of the config and reported once, under its code.
  for (const u of plan.unresolved) diag.add(u);
  const ctx: CompileContext = {
    ...index,
    meshName: model.mesh.meshName,
    self,
    plan,
    opts,
    diag,
    clusters: new Map(),
    meshIpPreference: model.mesh.spec.serviceDiscovery?.ipPreference,
    meshEgressFilter: model.mesh.spec.egressFilter?.type ?? 'DROP_ALL',
    accessLog: accessLogs(self.spec),
  };
  const ingress = compileIngress(ctx);
  const egress = compileEgress(ctx);
  const clusters = [...ingress.clusters, ...egress.clusters, ...ctx.clusters.values()].sort((a, b) => byString(a.name, b.name));
  const listeners = [...ingress.listeners, ...egress.listeners];
  const routes = [...ingress.routes, ...egress.routes].sort((a, b) => byString(a.name, b.name));
  const input = { meshName: ctx.meshName, nodeName: virtualNodeName, opts, listeners, clusters };
  return {
    resources: { clusters, listeners, routes },
    bootstrap: opts.mode === 'ads' ? adsBootstrap(input) : staticBootstrap(input),
    diagnostics: ctx.diag.list(),
  };
}
