import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorMessage } from '../../../components/states';
import { useDeleteKey, type AccessKey } from '../api/admin-api';

/** Deletes a key after confirmation; whoever uses it is refused from the next request on. */
export function DeleteKeyButton({ accessKey }: { accessKey: AccessKey }) {
  const [open, setOpen] = useState(false);
  const remove = useDeleteKey();
  const close = () => {
    setOpen(false);
    remove.reset();
  };
  return (
    <>
      <button type="button" className="button danger small" onClick={() => setOpen(true)}>
        Delete<span className="visually-hidden"> key {accessKey.name}</span>
      </button>
      <ConfirmDialog
        open={open}
        title={`Delete key ${accessKey.name}?`}
        confirmLabel="Delete key"
        busy={remove.isPending}
        onCancel={close}
        onConfirm={() => remove.mutate(accessKey.accessKeyId, { onSuccess: () => setOpen(false) })}
      >
        <p>
          Scripts, CLIs and console sessions using <code>{accessKey.accessKeyId}</code> are refused from their next request on. This cannot be undone.
        </p>
        {remove.error ? <ErrorMessage error={remove.error} title="Not deleted" /> : null}
      </ConfirmDialog>
    </>
  );
}
