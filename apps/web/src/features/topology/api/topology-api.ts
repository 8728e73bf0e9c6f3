import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Bundle, Finding } from '@meshwright/model';
import { apiRequest, seg } from '../../../lib/api-client';

/** `GET /api/meshes/{mesh}/bundle`: the whole mesh and what analysis found in it. */
export interface MeshBundle {
  bundle: Bundle;
  findings: Finding[];
}

/** How often to re-read the mesh when the event stream is down. */
export const POLL_MS = 5_000;

export const fetchMeshBundle = (mesh: string, signal?: AbortSignal) =>
  apiRequest<MeshBundle>(`/api/meshes/${seg(mesh)}/bundle`, signal ? { signal } : {});

export const meshBundleQueryKey = (mesh: string) => ['meshes', mesh, 'bundle'] as const;

export function meshBundleQueryOptions(mesh: string) {
  return queryOptions({ queryKey: meshBundleQueryKey(mesh), queryFn: ({ signal }) => fetchMeshBundle(mesh, signal) });
}

/** The mesh, kept fresh: by the event stream when it is up (`live`), by polling when it is not. */
export function useMeshBundle(mesh: string, live: boolean) {
  return useQuery({ ...meshBundleQueryOptions(mesh), refetchInterval: live ? false : POLL_MS });
}

/** `GET /api/meshes/{mesh}/sync-status`: every node's proxies in one answer, however large the mesh. */
export const fetchMeshSyncStatus = (mesh: string, signal?: AbortSignal) =>
  apiRequest<unknown>(`/api/meshes/${seg(mesh)}/sync-status`, signal ? { signal } : {});
