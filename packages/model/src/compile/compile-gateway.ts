// compileGateway(): the Envoy configuration of one virtual gateway's proxy. Pure and deterministic.
import type { MeshModel } from '../input/mesh-model';
import { groupBy } from '../input/mesh-index';
import { accessLogs } from '../envoy/access-log';
import { adsBootstrap, staticBootstrap } from '../envoy/bootstrap';
import { indexModel } from '../envoy/context';
import { Diagnostics } from '../envoy/diagnostics';
import { gatewayEgress } from '../envoy/gateway-egress';
import { gatewayListener, type GatewayContext } from '../envoy/gateway-listener';
import { byString } from '../envoy/json';
import type { ListenerOutput } from '../envoy/listener';
import { names } from '../envoy/names';
import { resolveOptions, type CompileOptions } from '../envoy/options';
import type { MeshIndex } from '../input/mesh-index';
import type { GatewayRouteItem } from '../resolve/gateway-plan';
import { resolveGateway } from '../resolve/gateway-resolve';
import { directTargets, TargetClusters } from '../envoy/target-cluster';
import type { CompileResult } from './compile';

export class UnknownVirtualGatewayError extends Error {
  constructor(readonly virtualGatewayName: string, readonly meshName: string) {
    super(`virtual gateway "${virtualGatewayName}" does not exist in mesh "${meshName}"`);
    this.name = 'UnknownVirtualGatewayError';
  }
}

/** A gateway listener on the port of Envoy's admin or the gateway's egress could not bind; only compile knows those ports. */
function portTaken(ctx: GatewayContext, port: number, index: number): boolean {
  const { adminPort, egressPort } = ctx.opts;
  if (port !== adminPort && port !== egressPort) return false;
  ctx.diag.error('compile.gateway-port-taken', { kind: 'virtualGateway', name: ctx.gatewayName }, `spec.listeners[${index}].portMapping.port`,
    `port ${port} is the proxy's ${port === adminPort ? 'admin' : 'egress'} port; compile left this listener out (pick another port, or move the ${port === adminPort ? 'admin' : 'egress'} port)`);
  return true;
}

function routesByGateway(model: MeshModel): Map<string, GatewayRouteItem[]> {
  return groupBy(model.gatewayRoutes, (r) => r.virtualGatewayName);
}

/** The Envoy resources and bootstrap for the proxy bound to `virtualGatewayName`. */
export function compileGateway(model: MeshModel, virtualGatewayName: string, options: CompileOptions = {}): CompileResult {
  const routes = model.gatewayRoutes.filter((r) => r.virtualGatewayName === virtualGatewayName);
  return compileGatewayIndexed(model, indexModel(model), virtualGatewayName, routes, options);
}

/** Every gateway of the mesh, by gateway name in name order; the mesh is indexed once. */
export function compileAllGateways(model: MeshModel, options: CompileOptions = {}): Map<string, CompileResult> {
  const index = indexModel(model);
  const routes = routesByGateway(model);
  const gatewayNames = model.virtualGateways.map((g) => g.virtualGatewayName).sort(byString);
  return new Map(gatewayNames.map((name) => [name, compileGatewayIndexed(model, index, name, routes.get(name) ?? [], options)]));
}

function compileGatewayIndexed(model: MeshModel, index: MeshIndex, gatewayName: string, routes: GatewayRouteItem[], options: CompileOptions): CompileResult {
  const meshName = model.mesh.meshName;
  const gateway = model.virtualGateways.find((g) => g.virtualGatewayName === gatewayName);
  if (!gateway) throw new UnknownVirtualGatewayError(gatewayName, meshName);
  const opts = resolveOptions(options);
  const plan = resolveGateway(index, gateway, routes);
  const diag = new Diagnostics();
  // What the resolver could not resolve is left out of the config and reported once, under its code.
  for (const u of plan.unresolved) diag.add(u);
  const targets = new TargetClusters();
  const logging = gateway.spec.logging;
  const ctx: GatewayContext = {
    meshName,
    gatewayName,
    severalListeners: plan.listeners.length > 1,
    opts,
    diag,
    targets: directTargets(diag, targets),
    meshIpPreference: model.mesh.spec.serviceDiscovery?.ipPreference,
    accessLog: accessLogs(logging ? { logging } : {}),
  };
  const out: ListenerOutput = { listeners: [], clusters: [], routes: [] };
  for (const planned of plan.listeners) {
    if (portTaken(ctx, planned.listener.portMapping.port, planned.index)) continue;
    gatewayListener(ctx, planned, out);
  }
  gatewayEgress(ctx, plan.targets, out);
  const clusters = [...out.clusters, ...targets.byName.values()].sort((a, b) => byString(a.name, b.name));
  const listeners = out.listeners;
  const resourceRoutes = out.routes.sort((a, b) => byString(a.name, b.name));
  const input = { meshName, nodeName: gatewayName, nodeId: names.gatewayNodeId(meshName, gatewayName), opts, listeners, clusters };
  return {
    resources: { clusters, listeners, routes: resourceRoutes },
    bootstrap: opts.mode === 'ads' ? adsBootstrap(input) : staticBootstrap(input),
    diagnostics: diag.list(),
  };
}
