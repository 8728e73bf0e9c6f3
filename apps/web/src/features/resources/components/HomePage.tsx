import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { EmptyState, ErrorMessage, Loading } from '../../../components/states';
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
        {meshes.isPending ? <Loading label="Loading meshes" /> : null}
        {meshes.isError ? <ErrorMessage error={meshes.error} title="Could not list meshes" /> : null}
        {meshes.data?.length === 0 ? (
          <EmptyState title="No meshes yet">
            {canCreate ? (
              <p>
                <Link to="/get-started">Get started</Link> creates a mesh with its virtual service, nodes, router and route in one go.
              </p>
            ) : (
              <p>Your key may read meshes but not create them.</p>
            )}
          </EmptyState>
        ) : null}
        {meshes.data && meshes.data.length > 0 ? (
          <table className="table">
            <caption className="visually-hidden">Meshes</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Version</th>
                <th scope="col">Last updated</th>
              </tr>
            </thead>
            <tbody>
              {meshes.data.map((m) => (
                <tr key={m.arn}>
                  <td>
                    <Link to={`/meshes/${seg(m.name)}`}>{m.name}</Link>
                  </td>
                  <td>{m.version}</td>
                  <td>{when(m.lastUpdatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
