import type { ReactNode } from 'react';
import { ApiError } from '../lib/api-client';

/** Placeholder of the same height as the content it stands for, so nothing jumps when data arrives. */
export function Loading({ label = 'Loading', lines = 3 }: { label?: string; lines?: number }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: lines }, (_, i) => (
        <div className="skeleton" key={i} aria-hidden="true" />
      ))}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

export function ErrorMessage({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const type = error instanceof ApiError ? error.type : undefined;
  return (
    <div className="alert error" role="alert">
      <p className="alert-title">{title}</p>
      <p>
        {type ? <code className="error-type">{type}</code> : null} {message}
      </p>
    </div>
  );
}

/**
 * A list query's waiting, failed and empty states, in the order and shape every list shows them.
 * `loading` and `failed` default to Loading's and ErrorMessage's own words; `emptyDetail` goes under
 * the empty title (what to do next).
 */
export function ListStates({
  query,
  loading,
  failed,
  empty,
  emptyDetail,
  lines,
}: {
  query: { isPending: boolean; error: unknown; data?: readonly unknown[] | undefined };
  loading?: string;
  failed?: string;
  empty: string;
  emptyDetail?: ReactNode;
  lines?: number;
}) {
  return (
    <>
      {query.isPending ? <Loading label={loading} lines={lines} /> : null}
      {query.error ? <ErrorMessage error={query.error} title={failed} /> : null}
      {query.data?.length === 0 ? <EmptyState title={empty}>{emptyDetail}</EmptyState> : null}
    </>
  );
}
