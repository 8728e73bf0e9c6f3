import { queryOptions } from '@tanstack/react-query';
import type { Finding } from '@meshwright/model';
import { ApiError, apiRequest, seg } from '../../../lib/api-client';

export interface ServerBundle {
  bundle: Record<string, unknown>;
  findings: Finding[];
}

/** The mesh as the server holds it, or null when there is no such mesh (then everything is new). */
export const fetchServerBundle = async (mesh: string, signal?: AbortSignal): Promise<ServerBundle | null> => {
  try {
    return await apiRequest<ServerBundle>(`/api/meshes/${seg(mesh)}/bundle`, signal ? { signal } : {});
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
};

export function serverBundleQueryOptions(mesh: string) {
  return queryOptions({
    queryKey: ['meshes', mesh, 'bundle'],
    queryFn: ({ signal }) => fetchServerBundle(mesh, signal),
  });
}
