import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../../lib/api-client';
import { useSignIn } from '../api/session';

/** Sign-in with an access key. Shown in place of the console, so after it the user is where they were. */
export function LoginPage({ ended }: { ended: boolean }) {
  const idField = useId();
  const secretField = useId();
  const [accessKeyId, setAccessKeyId] = useState('');
  const [secretAccessKey, setSecretAccessKey] = useState('');
  const signIn = useSignIn();
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ accessKeyId: accessKeyId.trim(), secretAccessKey });
  };
  const error = signIn.error;
  return (
    <main id="main" className="login">
      <form className="card login-card" onSubmit={onSubmit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to meshwright</h1>
        {ended && !error ? (
          <p className="alert info" role="status">
            Your session has ended. Sign in again to carry on where you were; the wizard keeps its draft.
          </p>
        ) : null}
        <div className="field">
          <label htmlFor={idField}>Access key ID</label>
          <input id={idField} name="accessKeyId" autoComplete="username" spellCheck={false} required value={accessKeyId} onChange={(e) => setAccessKeyId(e.target.value)} autoFocus />
        </div>
        <div className="field">
          <label htmlFor={secretField}>Secret access key</label>
          <input id={secretField} name="secretAccessKey" type="password" autoComplete="current-password" required value={secretAccessKey} onChange={(e) => setSecretAccessKey(e.target.value)} />
        </div>
        {error ? (
          <div className="alert error" role="alert">
            <p className="alert-title">Not signed in</p>
            <p>{error instanceof ApiError && error.status === 401 ? error.message || 'The access key ID or secret access key is wrong.' : error.message}</p>
          </div>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button primary" disabled={signIn.isPending}>
            Sign in
          </button>
        </div>
        <p className="note">
          Use a key from <code>meshwright keys create</code>, or the admin key meshwright wrote to <code>DATA_DIR/credentials</code> at first start.
        </p>
      </form>
    </main>
  );
}
