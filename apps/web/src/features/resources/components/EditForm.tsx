import type { ReactNode } from 'react';
import { FormProvider, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { Link } from 'react-router';
import { ApiError } from '../../../lib/api-client';

/**
 * The frame of every edit page: the fields, Save and Cancel, and the API's answer if it refused.
 * Cancel goes up one segment unless `cancelTo` says where (create pages sit two segments deep).
 */
export function EditForm<T extends FieldValues>({ title, form, onSubmit, saving, error, children, submitLabel = 'Save', cancelTo = '..' }: { title: string; form: UseFormReturn<T>; onSubmit: (values: T) => void; saving: boolean; error: unknown; children: ReactNode; submitLabel?: string; cancelTo?: string }) {
  return (
    <section className="card" aria-labelledby="edit-title">
      <h2 id="edit-title">{title}</h2>
      <FormProvider {...form}>
        <form noValidate onSubmit={form.handleSubmit(onSubmit)}>
          {children}
          {error ? (
            <div className="alert error" role="alert">
              <p className="alert-title">{submitLabel === 'Save' ? 'Not saved' : 'Not created'}</p>
              <p>
                {error instanceof ApiError ? <code className="error-type">{error.type}</code> : null} {error instanceof Error ? error.message : String(error)}
              </p>
            </div>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? 'Saving…' : submitLabel}
            </button>
            <Link className="button secondary" to={cancelTo} relative="path">
              Cancel
            </Link>
          </div>
        </form>
      </FormProvider>
    </section>
  );
}
