// Lookups over the mesh model and what one compile run's builders read.
import { indexMeshModel, type MeshIndex } from '../input/mesh-index';
import type { MeshModel } from '../input/mesh-model';
import type { MeshSpec } from '../mesh/schema';
import type { NodeItem } from '../resolve/plan';
import type { DiagnosticSink } from './diagnostics';
import type { JsonValue } from './json';
import type { ResolvedOptions } from './options';
import type { TargetSink } from './target-cluster';

export type { NodeItem, RouteItem, RouterItem, ServiceItem } from '../resolve/plan';

/**
 * What the builders of a backend's routes and target clusters read. Nothing of the calling proxy but
 * the options: a node's compile builds a backend service's part once for every caller (compile/backend-part.ts).
 */
export interface TargetContext {
  meshName: string;
  opts: ResolvedOptions;
  diag: DiagnosticSink;
  /** Where the target clusters routes reach are registered. */
  targets: TargetSink;
  /** The mesh-wide address family preference, used where a node sets none. */
  meshIpPreference: NonNullable<MeshSpec['serviceDiscovery']>['ipPreference'];
}

/** What the shared builders (clusters, routes, connection managers) need, for a node's or a gateway's Envoy. */
export interface EnvoyContext extends TargetContext {
  /** The proxy's access log configuration, or undefined when it logs nothing. */
  accessLog: JsonValue[] | undefined;
}

/** A node's Envoy: its listeners, connection managers and the egress filter's catch-all. */
export interface CompileContext extends Omit<EnvoyContext, 'targets'> {
  /** The node whose Envoy is being configured. */
  self: NodeItem;
  /** What happens to hosts that are not backends: DROP_ALL answers them, ALLOW_ALL forwards them. */
  meshEgressFilter: 'DROP_ALL' | 'ALLOW_ALL';
}

/** The lookups compile needs; the same index analysis uses. */
export const indexModel: (model: MeshModel) => MeshIndex = indexMeshModel;
