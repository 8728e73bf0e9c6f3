import { useSessionKey, useSignOut } from '../api/session';
import { describeKey } from '../lib/permissions';

/** Who is signed in (key name and role), and the way out. */
export function SignedIn() {
  const key = useSessionKey();
  const signOut = useSignOut();
  if (!key) return null;
  return (
    <div className="signed-in" role="group" aria-label="Signed in">
      <span className="signed-in-key" title={key.accessKeyId}>
        {describeKey(key)}
      </span>
      <button type="button" className="button-link" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </button>
    </div>
  );
}
