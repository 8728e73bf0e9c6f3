import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ListTable } from '../../../components/ListTable';
import { ListStates } from '../../../components/states';
import { useSessionKey } from '../../session/api/session';
import { keysQueryOptions, type CreatedKey } from '../api/admin-api';
import { CreateKeyForm } from './CreateKeyForm';
import { DeleteKeyButton } from './DeleteKeyButton';
import { KeyCreated } from './KeyCreated';

/** Access keys (admins only): who may call the API and the console, with which role and meshes. */
export function KeysPage() {
  const keys = useQuery(keysQueryOptions());
  const me = useSessionKey();
  const [created, setCreated] = useState<CreatedKey | undefined>();
  return (
    <div className="page">
      <div className="page-header">
        <h1>Access keys</h1>
      </div>
      {created ? <KeyCreated created={created} onDone={() => setCreated(undefined)} /> : <CreateKeyForm onCreated={setCreated} />}
      <section className="card" aria-labelledby="keys-title">
        <h2 id="keys-title">Keys</h2>
        <ListStates query={keys} loading="Loading keys" failed="Could not list keys" empty="No keys" />
        <ListTable
          caption="Access keys"
          columns={['Name', 'Access key ID', 'Role', 'Meshes', <span className="visually-hidden">Actions</span>]}
          rows={keys.data}
          row={(k) => (
            <tr key={k.accessKeyId}>
              <td>{k.name}</td>
              <td>
                <code>{k.accessKeyId}</code>
              </td>
              <td>{k.role}</td>
              <td>{k.meshes.length > 0 ? k.meshes.join(', ') : 'all'}</td>
              <td>{k.accessKeyId === me?.accessKeyId ? <span className="muted">your key</span> : <DeleteKeyButton accessKey={k} />}</td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}
