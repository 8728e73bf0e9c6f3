import { ApiError } from '../../../lib/api-client';

/** Why the server refused an atomic create (nothing was created), with the App Mesh error type. */
export function CreateRefused({ error }: { error: Error }) {
  return (
    <div className="alert error" role="alert">
      <p className="alert-title">The mesh was not created</p>
      <p>
        {error instanceof ApiError ? <code className="error-type">{error.type}</code> : null} {error.message}
      </p>
    </div>
  );
}
