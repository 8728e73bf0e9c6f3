import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest, setCsrfToken } from '../../../lib/api-client';
import { canCreateMeshes, canWriteMesh, isAdmin, type Session, type SessionKey } from '../lib/permissions';

export const sessionQueryKey = ['session'] as const;

/** The current session, or null when there is none (401). Its CSRF token goes to the API client. */
export const sessionQueryOptions = () =>
  queryOptions({
    queryKey: sessionQueryKey,
    queryFn: async ({ signal }): Promise<Session | null> => {
      try {
        const session = await apiRequest<Session>('/api/session', { signal, reportUnauthorized: false });
        setCsrfToken(session.csrfToken);
        return session;
      } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
          setCsrfToken(undefined);
          return null;
        }
        throw e;
      }
    },
    staleTime: Infinity,
  });

/** Replaces the session and forgets every answer fetched under the previous one (another key may see less). */
export function replaceSession(queryClient: QueryClient, session: Session | null): void {
  setCsrfToken(session?.csrfToken);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionQueryKey[0] });
  queryClient.setQueryData(sessionQueryKey, session);
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    // Its 401 means wrong credentials, shown on the form, not "the session ended".
    mutationFn: (credentials: Credentials) => apiRequest<Session>('/api/session', { method: 'POST', body: credentials, reportUnauthorized: false }),
    onSuccess: (session) => replaceSession(queryClient, session),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest<undefined>('/api/session', { method: 'DELETE', reportUnauthorized: false }),
    // Signed out locally even if the server had already ended the session.
    onSettled: () => replaceSession(queryClient, null),
  });
}

/** The signed-in key (always present below the session gate). */
export function useSessionKey(): SessionKey | undefined {
  return useQuery(sessionQueryOptions()).data?.key;
}

export const useCanWrite = (mesh: string): boolean => canWriteMesh(useSessionKey(), mesh);
export const useCanCreateMeshes = (): boolean => canCreateMeshes(useSessionKey());
export const useIsAdmin = (): boolean => isAdmin(useSessionKey());
