import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { EmptyState, ErrorMessage, Loading } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { childrenQueryOptions, type ChildKind } from '../api/appmesh';

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
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorMessage error={list.error} /> : null}
      {list.data?.length === 0 ? <EmptyState title={`No ${titles[kind].toLowerCase()} in ${mesh}`} /> : null}
      {list.data && list.data.length > 0 ? (
        <ul className="link-list">
          {list.data.map((r) => (
            <li key={r.arn}>
              <Link to={`/meshes/${seg(mesh)}/${paths[kind]}/${seg(r.name)}`}>{r.name}</Link>
              <span className="muted">version {r.version}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
