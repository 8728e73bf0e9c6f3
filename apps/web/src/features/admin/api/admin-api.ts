import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, seg } from '../../../lib/api-client';
import type { Role } from '../../session/lib/permissions';
import { auditQueryString, type AuditEvent, type AuditFilters } from '../lib/audit-filters';
import type { NewKeyInput } from '../lib/key-form';

// The admin endpoints of the console API: access keys and the audit log.

export interface AccessKey {
  accessKeyId: string;
  name: string;
  role: Role;
  meshes: string[];
  /** ISO 8601. */
  createdAt: string | null;
  lastUsedAt: string | null;
}

/** What POST /api/keys answers: the key and its secret, which is never shown again. */
export interface CreatedKey {
  key: AccessKey;
  secretAccessKey: string;
}

export const keysQueryOptions = () =>
  queryOptions({
    queryKey: ['admin', 'keys'],
    queryFn: async ({ signal }) => (await apiRequest<{ keys: AccessKey[] }>('/api/keys', { signal })).keys,
  });

export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewKeyInput) => apiRequest<CreatedKey>('/api/keys', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

export function useDeleteKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (accessKeyId: string) => apiRequest<undefined>(`/api/keys/${seg(accessKeyId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}

/** The newest events matching the filters (the server's limit applies). */
export const auditQueryOptions = (filters: AuditFilters) =>
  queryOptions({
    queryKey: ['admin', 'audit', auditQueryString(filters)],
    queryFn: async ({ signal }) => (await apiRequest<{ events: AuditEvent[] }>(`/api/audit${auditQueryString(filters, 200)}`, { signal })).events,
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
