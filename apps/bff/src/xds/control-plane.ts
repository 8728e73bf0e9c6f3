// The wiring: the snapshot cache, the stream server and sync status, joined by one event emitter.
// A committed write becomes `onChange`: the console hears of it, the cache recomputes the mesh, and
// the streams push what changed.
import { EventEmitter } from 'node:events';
import type { MeshModel } from '@meshwright/model';
import type { EnvoyTypes } from './protos';
import { SnapshotCache, type CompileNode, type MeshRefresh } from './snapshot-cache';
import { StreamServer } from './stream-server';
import { SyncStatusBoard } from './sync-status';
import type { XdsEvents, XdsLogger } from './xds-events';

export interface ControlPlaneDeps {
  loadMeshModel(meshName: string): Promise<MeshModel | undefined>;
  compileNode: CompileNode;
  types: EnvoyTypes;
  logger?: XdsLogger;
  now?: () => number;
  identifier?: string;
}

export interface XdsControlPlane {
  readonly events: EventEmitter<XdsEvents>;
  readonly cache: SnapshotCache;
  readonly streams: StreamServer;
  readonly status: SyncStatusBoard;
  /**
   * A committed write in a mesh: tell the console, then recompute the mesh's connected nodes it can
   * affect. Without kind and name, every node of the mesh is recomputed.
   */
  onChange(event: XdsChange): Promise<void>;
}

/** A committed write: its mesh, the resource (routes `<router>/<route>`), and the mesh after it when the writer has it. */
export interface XdsChange {
  meshName: string;
  kind?: string;
  name?: string;
  model?: MeshModel | undefined;
}

function refreshOf(event: XdsChange): MeshRefresh {
  return event.kind !== undefined && event.name !== undefined ? { kind: event.kind, name: event.name, model: event.model } : 'all';
}

export function createControlPlane(deps: ControlPlaneDeps): XdsControlPlane {
  const events = new EventEmitter<XdsEvents>();
  events.setMaxListeners(0);
  const cache: SnapshotCache = new SnapshotCache({
    loadMeshModel: deps.loadMeshModel,
    compileNode: deps.compileNode,
    types: deps.types,
    observer: {
      resolved: (ref) => status.markSeen(ref),
      missing: (ref) => status.forget(ref),
      configErrorChanged: (ref) => status.schedule(ref),
    },
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const streams: StreamServer = new StreamServer({
    cache,
    events,
    changed: (ref) => status.schedule(ref),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.identifier ? { identifier: deps.identifier } : {}),
  });
  const status: SyncStatusBoard = new SyncStatusBoard({
    loadMeshModel: deps.loadMeshModel,
    events,
    proxies: (ref) => streams.proxies(ref),
    configError: (ref) => cache.configError(ref),
  });
  return {
    events,
    cache,
    streams,
    status,
    onChange: (event) => {
      events.emit('change', { meshName: event.meshName });
      return cache.refreshMesh(event.meshName, refreshOf(event));
    },
  };
}
