import { queryOptions } from '@tanstack/react-query';
import { apiRequest, seg } from '../../../lib/api-client';
import type { SyncStatus } from './appmesh';

// The console endpoints of a virtual gateway's Envoy, beside the App Mesh API in appmesh.ts.

export const gatewayEnvoyConfigUrl = (mesh: string, gateway: string, mode: 'static' | 'ads', format: 'yaml' | 'json' = 'yaml') =>
  `/api/meshes/${seg(mesh)}/virtualGateways/${seg(gateway)}/envoy-config?mode=${mode}&format=${format}`;

/** The gateway's connected Envoys and their xDS state, as a node's. */
export const gatewaySyncStatusQueryOptions = (mesh: string, gateway: string) =>
  queryOptions({
    queryKey: ['meshes', mesh, 'virtualGateways', gateway, 'sync-status'],
    queryFn: ({ signal }) => apiRequest<SyncStatus>(`/api/meshes/${seg(mesh)}/virtualGateways/${seg(gateway)}/sync-status`, { signal }),
    retry: false,
  });
