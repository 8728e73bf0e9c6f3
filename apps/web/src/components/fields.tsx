import { useId, type ReactNode } from 'react';
import { get, useFormContext, type FieldValues, type Path, type RegisterOptions } from 'react-hook-form';
import { SelectOptions } from './SelectOptions';

// Labelled inputs bound to the surrounding react-hook-form by field path. The label is always
// visible; the error (if any) is tied to the input with aria-describedby so screen readers read it.

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  className?: string;
}

function useFieldError(name: string): string | undefined {
  const { formState } = useFormContext();
  const error: unknown = get(formState.errors, name);
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string') return error.message;
  return undefined;
}

function FieldShell({ id, label, hint, error, className, children }: { id: string; label: string; hint?: string | undefined; error?: string | undefined; className?: string | undefined; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`} data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <p className="field-error" id={`${id}-error`} aria-live="polite">
        {error ?? ''}
      </p>
    </div>
  );
}

function describedBy(id: string, hint: string | undefined, error: string | undefined): string | undefined {
  if (error) return `${id}-error`;
  return hint ? `${id}-hint` : undefined;
}

/** Empty number inputs become NaN: the schema reports them as the missing number they are. */
export const toNumber = (v: unknown) => (v === '' || v === null || v === undefined ? Number.NaN : Number(v));

export function TextField({ name, label, hint, className, type = 'text', placeholder, autoFocus }: FieldProps & { type?: 'text' | 'number'; placeholder?: string; autoFocus?: boolean }) {
  const { register } = useFormContext<FieldValues>();
  const id = useId();
  const error = useFieldError(name);
  const options: RegisterOptions<FieldValues, Path<FieldValues>> = type === 'number' ? { setValueAs: toNumber } : {};
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <input
        id={id}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        placeholder={placeholder}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...register(name, options)}
      />
    </FieldShell>
  );
}

export function NumberField(props: FieldProps & { placeholder?: string }) {
  return <TextField {...props} type="number" />;
}

export function SelectField({ name, label, hint, className, options, onChange }: FieldProps & { options: readonly { value: string; label: string }[]; onChange?: (value: string) => void }) {
  const { register } = useFormContext<FieldValues>();
  const id = useId();
  const error = useFieldError(name);
  const registration = register(name, onChange ? { onChange: (e: { target: { value: string } }) => onChange(e.target.value) } : {});
  return (
    <FieldShell id={id} label={label} hint={hint} error={error} className={className}>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...registration}>
        <SelectOptions options={options} />
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ name, label, hint }: FieldProps) {
  const { register } = useFormContext<FieldValues>();
  const id = useId();
  const error = useFieldError(name);
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" aria-describedby={describedBy(id, hint, error)} {...register(name)} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** An error that belongs to a group (e.g. "weights add up to 110; the total may be at most 100"). */
export function GroupError({ name }: { name: string }) {
  const { formState } = useFormContext();
  const error: unknown = get(formState.errors, name);
  let message: string | undefined;
  if (typeof error === 'object' && error !== null) {
    const root: unknown = 'root' in error ? error.root : error;
    if (typeof root === 'object' && root !== null && 'message' in root && typeof root.message === 'string') message = root.message;
  }
  return message ? (
    <p className="field-error group-error" role="alert">
      {message}
    </p>
  ) : null;
}

export const protocolOptions = [
  { value: 'http', label: 'HTTP' },
  { value: 'http2', label: 'HTTP/2' },
  { value: 'grpc', label: 'gRPC' },
  { value: 'tcp', label: 'TCP' },
] as const;
