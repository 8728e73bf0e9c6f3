// The xDS v3 discovery messages as grpc-js hands them over (proto-loader, keepCase), and the per-type
// status this server reports for each proxy.
import type { EncodedAny } from './any-encoder';

type ErrorDetail = { code?: number; message?: string } | null;
type NodeInfo = { id?: string; cluster?: string } | null;

export interface DiscoveryRequest {
  version_info?: string;
  node?: NodeInfo;
  resource_names?: string[];
  type_url?: string;
  response_nonce?: string;
  error_detail?: ErrorDetail;
}

export interface DiscoveryResponse {
  version_info: string;
  resources: EncodedAny[];
  type_url: string;
  nonce: string;
  control_plane: { identifier: string };
}

export interface DeltaDiscoveryRequest {
  node?: NodeInfo;
  type_url?: string;
  resource_names_subscribe?: string[];
  resource_names_unsubscribe?: string[];
  /** What the proxy already has (after a reconnect): name -> version. */
  initial_resource_versions?: Record<string, string>;
  response_nonce?: string;
  error_detail?: ErrorDetail;
}

export interface DeltaDiscoveryResponse {
  system_version_info: string;
  resources: { name: string; version: string; resource: EncodedAny }[];
  type_url: string;
  removed_resources: string[];
  nonce: string;
  control_plane: { identifier: string };
}

export type AnyDiscoveryResponse = DiscoveryResponse | DeltaDiscoveryResponse;

export type TypeState = 'NOT_SENT' | 'STALE' | 'SYNCED' | 'NACKED';

export interface TypeStatus {
  typeUrl: string;
  state: TypeState;
  /** The version this proxy should have now. */
  desiredVersion: string | null;
  lastSentVersion: string | null;
  lastSentAt: string | null;
  lastAckedVersion: string | null;
  lastAckedAt: string | null;
  /** Envoy's own error_detail message for the last NACK, until a later version is ACKed. */
  nackMessage: string | null;
  nackedVersion: string | null;
  /** Resource names the proxy subscribed to; empty means all (wildcard). */
  subscribedNames: string[];
}
