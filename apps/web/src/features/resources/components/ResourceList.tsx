import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { ListStates } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { childrenQueryOptions, type ChildKind } from '../api/appmesh';
import { ResourceLinks } from './ResourceLinks';

const titles: Record<ChildKind, string> = { virtualNode: 'Virtual nodes', virtualService: 'Virtual services', virtualRouter: 'Virtual routers', route: 'Routes', virtualGateway: 'Virtual gateways', gatewayRoute: 'Gateway routes' };
const paths: Record<TopKind, string> = { virtualNode: 'virtualNodes', virtualService: 'virtualServices', virtualRouter: 'virtualRouters', virtualGateway: 'virtualGateways' };

/** The kinds that live directly in a mesh (routes and gateway routes live under their router or gateway). */
type TopKind = Exclude<ChildKind, 'route' | 'gatewayRoute'>;

/** The resources of one kind in a mesh, each a link to its page. */
export function ResourceList({ kind, actions }: { kind: TopKind; actions?: ReactNode }) {
  const { mesh = '' } = useParams();
  const list = useQuery(childrenQueryOptions({ mesh, kind }));
  return (
    <section className="card" aria-labelledby="list-title">
      {actions ? (
        <div className="page-header">
          <h2 id="list-title">{titles[kind]}</h2>
          {actions}
        </div>
      ) : (
        <h2 id="list-title">{titles[kind]}</h2>
      )}
      <ListStates query={list} empty={`No ${titles[kind].toLowerCase()} in ${mesh}`} />
      {list.data && list.data.length > 0 ? <ResourceLinks items={list.data} href={(r) => `/meshes/${seg(mesh)}/${paths[kind]}/${seg(r.name)}`} /> : null}
    </section>
  );
}
