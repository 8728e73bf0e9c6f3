import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ListStates } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { childrenQueryOptions } from '../api/appmesh';
import { ResourcePage, Facts } from './ResourcePage';
import { ResourceLinks } from './ResourceLinks';

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
            <ListStates query={routes} lines={2} empty="No routes: the router sends no traffic" />
            <ResourceLinks items={routes.data} href={(r) => `routes/${seg(r.name)}`} />
          </section>
        </>
      )}
    </ResourcePage>
  );
}
