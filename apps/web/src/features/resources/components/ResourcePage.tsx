import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorMessage, Loading } from '../../../components/states';
import { childQueryOptions, type ChildId, type ChildKind, type Described } from '../api/appmesh';
import { DeleteButton } from './DeleteButton';
import { ResourceFacts } from './ResourceFacts';

const labels: Record<ChildKind, string> = { virtualNode: 'virtual node', virtualService: 'virtual service', virtualRouter: 'virtual router', route: 'route', virtualGateway: 'virtual gateway', gatewayRoute: 'gateway route' };

/** The frame of every resource's detail view: title, Edit and Delete, the spec summary, metadata, JSON. */
export function ResourcePage<K extends ChildKind>({ id, name, backTo, children }: { id: ChildId & { kind: K }; name: string; backTo: string; children: (data: Described<K>) => ReactNode }) {
  const query = useQuery(childQueryOptions(id, name));
  const label = labels[id.kind];
  return (
    <div className="resource">
      <div className="page-header">
        <h2>
          <span className="kind">{label}</span> {name}
        </h2>
        <div className="button-row">
          <Link className="button secondary" to="edit">
            Edit<span className="visually-hidden"> {label} {name}</span>
          </Link>
          <DeleteButton id={id} name={name} label={label} afterDelete={backTo} />
        </div>
      </div>
      {query.isPending ? <Loading lines={6} /> : null}
      {query.isError ? <ErrorMessage error={query.error} title={`Could not load ${label} ${name}`} /> : null}
      {query.data ? (
        <>
          {children(query.data)}
          <ResourceFacts title={`${label} ${name}`} data={query.data} metadata={query.data.metadata} status={query.data.status.status} />
        </>
      ) : null}
    </div>
  );
}

export function Facts({ rows }: { rows: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="facts">
      {rows.map((r) => (
        <div key={r.label}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}
