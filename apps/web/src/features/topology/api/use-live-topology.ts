import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { SyncState } from '../lib/graph-types';
import { gatewaySyncKey, mergeSyncBadges, meshSyncBadges, syncBadge } from '../lib/sync-status';
import { fetchMeshSyncStatus, meshBundleQueryKey, POLL_MS } from './topology-api';

interface SyncEvent {
  meshName: string;
  /** A node's event names the node; a gateway's names the gateway instead. */
  virtualNodeName: string;
  virtualGatewayName: string;
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
 * each virtual node's sync badge from one `GET /api/meshes/{mesh}/sync-status` and then `sync`
 * events. `live` is false while the stream is down, so the caller can poll instead.
 */
export function useLiveTopology(mesh: string) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  const [sync, setSync] = useState<ReadonlyMap<string, SyncState>>(new Map());
  // Nodes a `sync` event updated while a mesh-wide request was out (undefined when none is).
  const updatedSince = useRef<Set<string> | undefined>(undefined);

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
      if (event?.meshName !== mesh) return;
      const node = typeof event.virtualGatewayName === 'string' ? gatewaySyncKey(event.virtualGatewayName) : event.virtualNodeName;
      if (typeof node !== 'string') return;
      const state = syncBadge(event.status);
      updatedSince.current?.add(node);
      setSync((prev) => {
        if (prev.get(node) === state) return prev;
        const next = new Map(prev);
        if (state === undefined) next.delete(node);
        else next.set(node, state);
        return next;
      });
    });
    return () => source.close();
  }, [mesh, queryClient]);

  // One request for the whole mesh: on opening, again once the stream is (back) up, since events
  // sent while it was down are lost, and every POLL_MS while it is down.
  useEffect(() => {
    const controller = new AbortController();
    const load = async () => {
      if (updatedSince.current) return; // the previous request is still out
      const updated = new Set<string>();
      updatedSince.current = updated;
      try {
        const answer = meshSyncBadges(await fetchMeshSyncStatus(mesh, controller.signal));
        if (!controller.signal.aborted) setSync((prev) => mergeSyncBadges(prev, answer, updated));
      } catch {
        // No status (older server, mesh just deleted): badges come from events only.
      } finally {
        if (updatedSince.current === updated) updatedSince.current = undefined;
      }
    };
    void load();
    const timer = live ? undefined : setInterval(() => void load(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
      updatedSince.current = undefined;
    };
  }, [mesh, live]);

  return { live, sync };
}
