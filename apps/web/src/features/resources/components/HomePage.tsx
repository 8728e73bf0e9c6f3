import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ListTable } from '../../../components/ListTable';
import { ListStates } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { meshesQueryOptions } from '../api/appmesh';
import { useCanCreateMeshes } from '../../session/api/session';

const when = (epochSeconds: number) => (Number.isFinite(epochSeconds) ? new Date(epochSeconds * 1000).toLocaleString() : '—');

/** The meshes (ListMeshes), each a link by its name, and the way into the wizard. */
export function HomePage() {
  const meshes = useQuery(meshesQueryOptions());
  const canCreate = useCanCreateMeshes();
  return (
    <div className="page">
      <div className="page-header">
        <h1>Meshes</h1>
        {canCreate ? (
          <Link className="button primary" to="/get-started">
            Get started
          </Link>
        ) : null}
      </div>
      <section className="card" aria-label="Meshes">
        <ListStates
          query={meshes}
          loading="Loading meshes"
          failed="Could not list meshes"
          empty="No meshes yet"
          emptyDetail={
            canCreate ? (
              <p>
                <Link to="/get-started">Get started</Link> creates a mesh with its virtual service, nodes, router and route in one go.
              </p>
            ) : (
              <p>Your key may read meshes but not create them.</p>
            )
          }
        />
        <ListTable
          caption="Meshes"
          columns={['Name', 'Version', 'Last updated']}
          rows={meshes.data}
          row={(m) => (
            <tr key={m.arn}>
              <td>
                <Link to={`/meshes/${seg(m.name)}`}>{m.name}</Link>
              </td>
              <td>{m.version}</td>
              <td>{when(m.lastUpdatedAt)}</td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}
