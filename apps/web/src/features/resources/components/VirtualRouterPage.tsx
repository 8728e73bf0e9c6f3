import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorMessage, Loading } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { childrenQueryOptions } from '../api/appmesh';
import { ResourcePage, Facts } from './ResourcePage';

export function VirtualRouterPage() {
  const { mesh = '', router = '' } = useParams();
  const routes = useQuery(childrenQueryOptions({ mesh, kind: 'route', router }));
  return (
    <ResourcePage id={{ mesh, kind: 'virtualRouter' }} name={router} backTo={`/meshes/${seg(mesh)}/virtualRouters`}>
      {(data) => (
        <>
          <section className="card" aria-labelledby="spec-title">
            <h3 id="spec-title">Spec</h3>
            <Facts rows={[{ label: 'Listeners', value: data.spec.listeners?.map((l) => `${l.portMapping.protocol} ${l.portMapping.port}`).join(', ') || 'None' }]} />
          </section>
          <section className="card" aria-labelledby="routes-title">
            <h3 id="routes-title">Routes</h3>
            {routes.isPending ? <Loading lines={2} /> : null}
            {routes.isError ? <ErrorMessage error={routes.error} /> : null}
            {routes.data?.length === 0 ? <EmptyState title="No routes: the router sends no traffic" /> : null}
            <ul className="link-list">
              {routes.data?.map((r) => (
                <li key={r.arn}>
                  <Link to={`routes/${seg(r.name)}`}>{r.name}</Link>
                  <span className="muted">version {r.version}</span>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </ResourcePage>
  );
}
