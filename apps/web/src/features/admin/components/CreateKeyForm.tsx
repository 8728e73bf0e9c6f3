import { useId, useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/states';
import type { Role } from '../../session/lib/permissions';
import { useCreateKey, type CreatedKey } from '../api/admin-api';
import { newKeyRequest } from '../lib/key-form';
import { SelectOptions } from '../../../components/SelectOptions';

const roles: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer: reads (the meshes listed, or all)' },
  { value: 'editor', label: 'Editor: writes the meshes listed' },
  { value: 'admin', label: 'Admin: everything, including keys' },
];

/** Creates a key; its secret comes back once and is handed to the caller to show. */
export function CreateKeyForm({ onCreated }: { onCreated: (key: CreatedKey) => void }) {
  const ids = { name: useId(), role: useId(), meshes: useId() };
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [meshes, setMeshes] = useState('');
  const [fieldError, setFieldError] = useState<{ field: 'name' | 'meshes'; message: string } | undefined>();
  const create = useCreateKey();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const request = newKeyRequest(name, role, meshes);
    if (!request.ok) {
      setFieldError({ field: request.field, message: request.message });
      document.getElementById(ids[request.field])?.focus();
      return;
    }
    setFieldError(undefined);
    create.mutate(request.input, {
      onSuccess: (key) => {
        setName('');
        setMeshes('');
        onCreated(key);
      },
    });
  };
  const errorOf = (field: 'name' | 'meshes') => (fieldError?.field === field ? fieldError.message : '');
  return (
    <section className="card" aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create a key</h2>
      <form noValidate onSubmit={onSubmit}>
        <div className="field-row">
          <div className="field" data-invalid={errorOf('name') ? 'true' : undefined}>
            <label htmlFor={ids.name}>Name</label>
            <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} aria-invalid={errorOf('name') ? true : undefined} aria-describedby={`${ids.name}-error`} />
            <p className="field-error" id={`${ids.name}-error`} aria-live="polite">
              {errorOf('name')}
            </p>
          </div>
          <div className="field">
            <label htmlFor={ids.role}>Role</label>
            <select id={ids.role} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <SelectOptions options={roles} />
            </select>
          </div>
          <div className="field" data-invalid={errorOf('meshes') ? 'true' : undefined}>
            <label htmlFor={ids.meshes}>Meshes</label>
            <input id={ids.meshes} value={meshes} onChange={(e) => setMeshes(e.target.value)} disabled={role === 'admin'} aria-invalid={errorOf('meshes') ? true : undefined} aria-describedby={`${ids.meshes}-hint ${ids.meshes}-error`} />
            <p className="field-hint" id={`${ids.meshes}-hint`}>
              Separated by commas. An editor writes only these; a viewer listed none reads every mesh.
            </p>
            <p className="field-error" id={`${ids.meshes}-error`} aria-live="polite">
              {errorOf('meshes')}
            </p>
          </div>
        </div>
        {create.error ? <ErrorMessage error={create.error} title="Key not created" /> : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </section>
  );
}
