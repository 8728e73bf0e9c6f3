// What createApp needs from the outside world. The xDS helper relies on ChangeEvent, Store.loadMeshModel
// and extraRoutes: keep these stable.
import type { Router } from 'express';
import type { CompileOptions, MeshModel, Quotas, ResourceKind } from '@meshwright/model';
import type { ServerMetrics } from './metrics/server-metrics';
import type { Store } from './store/types';
import type { XdsCredentials } from './xds/tls/xds-credentials';

/** One committed write. kind 'mesh' with name = meshName also means "the whole mesh changed" (bundle create). */
export interface ChangeEvent {
  meshName: string;
  kind: ResourceKind;
  /** The resource name; routes are `<router>/<route>`. */
  name: string;
  action: 'create' | 'update' | 'delete' | 'tag';
  /**
   * The mesh after the write, when the writer built it and this process is the store's only writer
   * (SQLite): xDS recomputes from it at once instead of reading the store. Never sent to other replicas.
   */
  model?: MeshModel | undefined;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AppConfig {
  /** Goes into ARNs, e.g. us-west-2. */
  region: string;
  /** 12 digits: meshOwner and resourceOwner of everything. */
  accountId: string;
  /** Where Envoys reach this server's ADS (for ads bootstraps). */
  xds: { host: string; port: number; addresses?: { host: string; port: number }[] };
  /**
   * The proxy ports and listener address (PROXY_INGRESS_PORT, PROXY_EGRESS_PORT, PROXY_LISTENER_ADDRESS) the xDS
   * server compiles with: downloads and `meshwright deploy` must compile the same, or the redirection misses Envoy.
   */
  proxy?: Pick<CompileOptions, 'ports' | 'listenerAddress'>;
  /** Service quotas (App Mesh answers LimitExceededException past them); the model's defaults fill the rest. */
  quotas?: Partial<Quotas>;
  /** Folders Envoy may write access logs under, besides /dev/stdout and /dev/stderr (default /var/log/envoy). */
  accessLogRoots?: readonly string[];
  /** Host names answered besides loopback names (ALLOWED_HOSTS and PUBLIC_URL's host); others get 421. */
  allowedHosts?: readonly string[];
  /** The built console (apps/web/dist); served with SPA fallback when the folder exists. */
  webDist?: string;
  /** Authentication is always on; this says with what. */
  auth: AuthConfig;
}

export interface AuthConfig {
  /** 32 bytes (MESHWRIGHT_MASTER_KEY or DATA_DIR/master.key) that encrypt access-key secrets at rest. */
  masterKey: Buffer;
  /** An admin key stored (created or replaced) at start: MESHWRIGHT_ACCESS_KEY_ID/SECRET_ACCESS_KEY, tests. */
  seedAdmin?: { accessKeyId: string; secretAccessKey: string };
  /** A console session ends after this long without a request (SESSION_IDLE_MINUTES, default 30). */
  sessionIdleMs?: number;
  /** ...and this long after sign-in in any case (SESSION_MAX_HOURS, default 12). */
  sessionMaxMs?: number;
  /** Audit events kept in the database, newest first (AUDIT_KEEP, default 10000). */
  auditKeep?: number;
}

export interface AppDeps {
  store: Store;
  config: AppConfig;
  /** Milliseconds since the epoch; tests pass a fixed clock. */
  clock?: () => number;
  /** New resource uids; defaults to crypto.randomUUID. */
  newId?: () => string;
  logger?: Logger;
  /** Called after every committed write (never for a failed one). Errors thrown here are logged, not sent. */
  onChange?: (event: ChangeEvent) => void;
  /** Where audit events go as one JSON line each (besides the database); defaults to stdout. */
  auditLog?: (line: string) => void;
  /** Request counts and latencies, GET /metrics (server.ts; tests may leave it out). */
  metrics?: ServerMetrics;
  /** True once the process is shutting down: /readyz answers 503 so load balancers stop sending. */
  draining?: () => boolean;
  /** Extra console endpoints (the xDS helper's sync-status and events), mounted under /api. */
  extraRoutes?: (router: Router) => void;
  /** Issues the client certificate inside each downloaded ADS bootstrap; absent under XDS_INSECURE=1. */
  xdsCredentials?: XdsCredentials;
}
