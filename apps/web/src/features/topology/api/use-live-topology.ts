import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SyncState } from '../lib/graph-types';
import { syncBadge } from '../lib/sync-status';
import { fetchSyncStatus, meshBundleQueryKey } from './topology-api';

/** Fetching every node's status one by one stops here; past it, badges come from `sync` events only. */
export const SYNC_FETCH_LIMIT = 200;
const SYNC_FETCH_CONCURRENCY = 4;

interface SyncEvent {
  meshName: string;
  virtualNodeName: string;
  status: unknown;
}

function parseEvent(data: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the topology live: listens to `GET /api/events`, refetches the mesh on `change`, and keeps
 * each virtual node's sync badge from `GET .../sync-status` and `sync` events. `live` is false while
 * the stream is down, so the caller can poll instead.
 */
export function useLiveTopology(mesh: string, nodeNames: readonly string[]) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const [sync, setSync] = useState<ReadonlyMap<string, SyncState>>(new Map());
  const setState = (node: string, state: SyncState | undefined) =>
    setSync((prev) => {
      if (prev.get(node) === state) return prev;
      const next = new Map(prev);
      if (state === undefined) next.delete(node);
      else next.set(node, state);
      return next;
    });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const source = new EventSource('/api/events');
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener('change', (e: MessageEvent<string>) => {
      if (parseEvent(e.data)?.meshName === mesh) void queryClient.invalidateQueries({ queryKey: meshBundleQueryKey(mesh) });
    });
    source.addEventListener('sync', (e: MessageEvent<string>) => {
      const event = parseEvent(e.data) as Partial<SyncEvent> | undefined;
      if (event?.meshName === mesh && typeof event.virtualNodeName === 'string') setState(event.virtualNodeName, syncBadge(event.status));
    });
    return () => source.close();
  }, [mesh, queryClient]);

  const nodesKey = nodeNames.slice(0, SYNC_FETCH_LIMIT).join('\n');
  useEffect(() => {
    const controller = new AbortController();
    const queue = nodesKey === '' ? [] : nodesKey.split('\n');
    const worker = async () => {
      for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
        try {
          setState(node, syncBadge(await fetchSyncStatus(mesh, node, controller.signal)));
        } catch {
          // No status (older server, node just deleted): the node simply shows no badge.
          if (controller.signal.aborted) return;
        }
      }
    };
    for (let i = 0; i < SYNC_FETCH_CONCURRENCY; i++) void worker();
    return () => controller.abort();
  }, [mesh, nodesKey]);

  return { live, sync };
}
