// The analysis of each subject (subjects.ts) with what of the mesh it read, as compile-reads.ts does for
// a node's compile. Rules read the mesh through the context only: the index's maps by name (each name
// looked up is recorded as `<kind>:<name>`, a router's or a gateway's routes as `routesOf:<router>` /
// `gatewayRoutesOf:<gateway>`, found or not), and the model's collections, whose use is a walk of a
// whole kind, recorded as `<kind>:*` (as is any use of a map other than get and has); the names of a
// kind (ctx.namesOf) as `<kind>:names`. Anything else records '*': "depends on everything", never a
// silent miss.
import type { MeshModel } from '../input/mesh-model';
import type { AnalysisIndex, AnalyzeOptions } from './context';
import type { Finding, ResourceId } from './finding';

/** What one subject read: `<kind>:<name>`, `routesOf:<router>`, `gatewayRoutesOf:<gateway>`, `<kind>:*`, `<kind>:names`, `mesh`, or '*'. */
export type AnalysisReads = ReadonlySet<string>;

/**
 * The read keys a change to one resource (named as findings name it: `<router>/<route>`) touches;
 * `<kind>:names` (which resources of the kind exist) only when it was created or deleted.
 */
export function readKeysOf(changed: ResourceId, createdOrDeleted = true): string[] {
  const parent = changed.name.slice(0, changed.name.indexOf('/'));
  const names = createdOrDeleted ? [`${changed.kind}:names`] : [];
  switch (changed.kind) {
    case 'mesh':
      return ['mesh'];
    case 'route':
      return [`routesOf:${parent}`, 'route:*', ...names];
    case 'gatewayRoute':
      return [`gatewayRoutesOf:${parent}`, 'gatewayRoute:*', ...names];
    default:
      return [`${changed.kind}:${changed.name}`, `${changed.kind}:*`, ...names];
  }
}

/** Where a subject's reads go while it runs: one set of views serves every subject of an analysis. */
export interface ReadLog {
  reads: Set<string>;
}

/** A read-only view of `map` that logs each looked-up key as `<prefix>:<key>`, and `walk` for any other use. */
function recording<V>(map: Map<string, V>, prefix: string, walk: string, log: ReadLog): Map<string, V> {
  const get = (key: string) => {
    log.reads.add(`${prefix}:${key}`);
    return map.get(key);
  };
  const has = (key: string) => {
    log.reads.add(`${prefix}:${key}`);
    return map.has(key);
  };
  return new Proxy(map, {
    get(target, prop) {
      if (prop === 'get') return get;
      if (prop === 'has') return has;
      log.reads.add(walk);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

const collectionKind: Record<string, string> = {
  virtualNodes: 'virtualNode:*',
  virtualRouters: 'virtualRouter:*',
  routes: 'route:*',
  virtualServices: 'virtualService:*',
  virtualGateways: 'virtualGateway:*',
  gatewayRoutes: 'gatewayRoute:*',
  mesh: 'mesh',
};

/** The model (whichever `holder` holds) and index as a subject sees them: every read logged. */
export function recordingViews(holder: { model: MeshModel }, index: AnalysisIndex, log: ReadLog): { model: MeshModel; index: AnalysisIndex } {
  const trackedModel = new Proxy(holder.model, {
    get(_, prop) {
      log.reads.add(typeof prop === 'string' ? (collectionKind[prop] ?? '*') : '*');
      return Reflect.get(holder.model, prop) as unknown;
    },
  });
  return {
    model: trackedModel,
    index: {
      nodes: recording(index.nodes, 'virtualNode', 'virtualNode:*', log),
      routers: recording(index.routers, 'virtualRouter', 'virtualRouter:*', log),
      services: recording(index.services, 'virtualService', 'virtualService:*', log),
      routesByRouter: recording(index.routesByRouter, 'routesOf', 'route:*', log),
      gateways: recording(index.gateways, 'virtualGateway', 'virtualGateway:*', log),
      gatewayRoutesByGateway: recording(index.gatewayRoutesByGateway, 'gatewayRoutesOf', 'gatewayRoute:*', log),
    },
  };
}

/** A model's analysis, kept so the next model's can start from it. */
export interface MeshAnalysis {
  readonly model: MeshModel;
  readonly options: AnalyzeOptions;
  /** analyzeMesh(model, options). */
  readonly findings: readonly Finding[];
  /** How many subjects ran for this analysis (the others' findings were reused). */
  readonly recomputed: number;
}
