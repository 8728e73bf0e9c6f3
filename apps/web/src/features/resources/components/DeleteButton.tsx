import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ApiError } from '../../../lib/api-client';
import { useDeleteResource, type ChildId } from '../api/appmesh';
import { useCanWrite } from '../../session/api/session';

/** Delete with confirmation; a refusal (ResourceInUseException) is shown as the API worded it. */
export function DeleteButton({ id, name, label, afterDelete }: { id: ChildId | { kind: 'mesh'; mesh: string }; name: string; label: string; afterDelete: string }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteResource(id, name);
  const navigate = useNavigate();
  const error = remove.error;
  // Keys that may not write this mesh do not get the control; the server would refuse anyway.
  const allowed = useCanWrite(id.mesh);
  const close = () => {
    setOpen(false);
    remove.reset();
  };
  if (!allowed) return null;
  return (
    <>
      <button type="button" className="button danger" onClick={() => setOpen(true)}>
        Delete<span className="visually-hidden"> {label} {name}</span>
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete ${label} ${name}?`}
        confirmLabel={`Delete ${label}`}
        busy={remove.isPending}
        onCancel={close}
        onConfirm={() => remove.mutate(undefined, { onSuccess: () => { setOpen(false); void navigate(afterDelete); } })}
      >
        <p>
          This deletes the {label} <strong>{name}</strong>. Envoys that use it lose its configuration.
        </p>
        {error ? (
          <div className="alert error" role="alert">
            <p className="alert-title">{error instanceof ApiError && error.type === 'ResourceInUseException' ? 'Still in use' : 'Not deleted'}</p>
            <p>
              {error instanceof ApiError ? <code className="error-type">{error.type}</code> : null} {error.message}
            </p>
          </div>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
