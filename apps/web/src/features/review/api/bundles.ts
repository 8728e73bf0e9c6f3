import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Bundle, Finding } from '@meshwright/model';
import { apiRequest } from '../../../lib/api-client';

export interface EnvoyConfigs {
  /** YAML of the static bootstrap and of the ADS bootstrap. */
  static: string;
  ads: string;
}

export interface ValidateResult {
  valid: boolean;
  findings: Finding[];
  envoy: Record<string, EnvoyConfigs>;
}

export interface CreatedResource {
  kind: string;
  name: string;
  arn: string;
}

export const validateBundle = (bundle: Bundle, signal?: AbortSignal) =>
  apiRequest<ValidateResult>('/api/bundles/validate', { method: 'POST', body: bundle, ...(signal ? { signal } : {}) });

/** The dry run of a draft bundle, keyed by its content so an unchanged draft is not re-validated. */
export function validateBundleQueryOptions(bundle: Bundle) {
  return queryOptions({
    queryKey: ['bundles', 'validate', JSON.stringify(bundle)],
    queryFn: ({ signal }) => validateBundle(bundle, signal),
    staleTime: 30_000,
  });
}

export function useCreateBundle() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bundle: Bundle) => apiRequest<{ created: CreatedResource[] }>('/api/bundles', { method: 'POST', body: bundle }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['meshes'] }),
  });
}
