// Everything the operation handlers use, built once per app from its deps.
import { randomUUID } from 'node:crypto';
import { defaultAccessLogRoots, defaultQuotas, type Quotas } from '@meshwright/model';
import type { AppConfig, AppDeps, ChangeEvent, Logger } from '../deps';
import type { Store } from '../store/types';
import { createWriteLock, type WriteLock } from './write-lock';

export interface ServiceContext {
  store: Store;
  config: AppConfig;
  quotas: Quotas;
  /** What every analysis of this server is told: its quotas and access-log roots (ACCESS_LOG_ROOTS). */
  analysis: { quotas: Quotas; accessLogRoots: readonly string[] };
  logger: Logger;
  now: () => number;
  newId: () => string;
  /** Serialises read-check-write sequences so two requests never both pass a uniqueness check. */
  lock: WriteLock;
  /** Tells listeners (xDS) about a committed write; their failures never reach the client. */
  notify: (event: ChangeEvent) => void;
}

export const consoleLogger: Logger = {
  info: (m, f) => console.log(m, f ?? ''),
  warn: (m, f) => console.warn(m, f ?? ''),
  error: (m, f) => console.error(m, f ?? ''),
};

export function createServiceContext(deps: AppDeps): ServiceContext {
  const logger = deps.logger ?? consoleLogger;
  const onChange = deps.onChange;
  const quotas = { ...defaultQuotas, ...deps.config.quotas };
  // PostgreSQL supplies a database-held lock so writes on several replicas serialise.
  const lockRef = deps.store.writeLock ?? createWriteLock();
  // With a store-held lock (PostgreSQL) other replicas write too: the mesh a write built may already be
  // behind the database when xDS recomputes, so xDS reads the store instead.
  const soleWriter = deps.store.writeLock === undefined;
  return {
    store: deps.store,
    config: deps.config,
    quotas,
    analysis: { quotas, accessLogRoots: deps.config.accessLogRoots ?? defaultAccessLogRoots },
    logger,
    now: deps.clock ?? Date.now,
    newId: deps.newId ?? randomUUID,
    lock: lockRef,
    notify: (event) => {
      if (!onChange) return;
      lockRef.afterCommit(() => {
        try {
          const { model, ...rest } = event;
          onChange(soleWriter && model ? event : rest);
        } catch (err) {
          logger.error('onChange listener failed', { error: err instanceof Error ? err.message : String(err) });
        }
      });
    },
  };
}
