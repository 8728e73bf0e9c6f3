// Lookups over the mesh model and the state one compile run accumulates.
import { indexMeshModel, type MeshIndex } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import type { MeshSpec } from '../mesh/schema';
import type { NodeItem, ProxyPlan } from '../resolve/plan';
import type { Diagnostics } from './diagnostics';
import type { EnvoyResource, JsonValue } from './json';
import type { ResolvedOptions } from './options';

export type { NodeItem, RouteItem, RouterItem, ServiceItem } from '../resolve/plan';

/** What the shared builders (clusters, routes, connection managers) need, for a node's or a gateway's Envoy. */
export type EnvoyContext = Pick<CompileContext, 'meshName' | 'opts' | 'diag' | 'clusters' | 'meshIpPreference' | 'accessLog'>;

export interface CompileContext extends MeshIndex {
  meshName: string;
  /** The node whose Envoy is being configured. */
  self: NodeItem;
  /** What the resolver decided this proxy serves and calls; compile reads the mesh through it only. */
  plan: ProxyPlan;
  opts: ResolvedOptions;
  diag: Diagnostics;
  /** Upstream clusters by name, created the first time a route or service needs them. */
  clusters: Map<string, EnvoyResource>;
  /** The mesh-wide address family preference, used where a node sets none. */
  meshIpPreference: NonNullable<MeshSpec['serviceDiscovery']>['ipPreference'];
  /** What happens to hosts that are not backends: DROP_ALL answers them, ALLOW_ALL forwards them. */
  meshEgressFilter: 'DROP_ALL' | 'ALLOW_ALL';
  /** The node's access log configuration, or undefined when it logs nothing. */
  accessLog: JsonValue[] | undefined;
}

/** The lookups compile needs; the same index analysis uses. */
export const indexModel: (model: MeshModel) => MeshIndex = indexMeshModel;
