// The last step of every write: one transaction, then the change events (never for a failed write).
import type { ChangeEvent } from '../deps';
import type { ApiError } from '../http/errors';
import { findingName } from '../appmesh/kinds';
import type { ServiceContext } from '../appmesh/service-context';
import { DuplicateKeyError, type ClientTokenRecord, type ResourceKey, type StoreWrite } from '../store/types';

export interface Commit {
  writes: StoreWrite[];
  /** The clientToken answer, remembered in the same transaction. */
  record?: ClientTokenRecord | undefined;
  /** The error when another server took one of the keys between the checks and the commit. */
  raced?: () => ApiError;
}

/** Nested resources are `<parent>/<name>` in change events, as in findings. */
export function changeEvent(key: ResourceKey, action: ChangeEvent['action']): ChangeEvent {
  return { meshName: key.meshName, kind: key.kind, name: findingName(key), action };
}

export async function commit(ctx: ServiceContext, c: Commit, event: ChangeEvent): Promise<void> {
  try {
    await ctx.store.apply(c.writes, c.record);
  } catch (err) {
    if (err instanceof DuplicateKeyError && c.raced) throw c.raced();
    throw err;
  }
  ctx.notify(event);
  // The push notify started (compile, encode and the gRPC write happen inside it when the event carries
  // its model) is flushed by HTTP/2 in the event loop's check phase; waiting for that phase here lets
  // it leave before the HTTP response is serialised and written.
  if (event.model) await new Promise((resolve) => setImmediate(resolve));
}
