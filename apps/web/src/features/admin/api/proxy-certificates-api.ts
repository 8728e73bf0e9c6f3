import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest, seg } from '../../../lib/api-client';
import { certificatesQueryString, type ProxyCertificate } from '../lib/proxy-certificates';

// The proxy-certificate endpoints of the console API (admins only; the server refuses anyone else).

/** Every certificate issued with an ADS bootstrap, of one mesh or all, oldest first as the server lists them. */
export const proxyCertificatesQueryOptions = (mesh: string | undefined) =>
  queryOptions({
    queryKey: ['admin', 'proxyCertificates', mesh ?? ''],
    queryFn: async ({ signal }) => (await apiRequest<{ certificates: ProxyCertificate[] }>(`/api/proxy-certificates${certificatesQueryString(mesh)}`, { signal })).certificates,
    placeholderData: keepPreviousData,
    // A download anywhere issues one: never show a list from before the page was opened.
    staleTime: 0,
  });

/** Revokes by serial (a POST, so the API client adds the CSRF token); the answer is the certificate, revokedAt set. */
export function useRevokeCertificate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (serial: string) => apiRequest<ProxyCertificate>(`/api/proxy-certificates/${seg(serial)}/revoke`, { method: 'POST' }),
    // The whole admin tree: the certificate list and the audit log both changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}
