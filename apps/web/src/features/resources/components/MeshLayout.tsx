import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { ErrorBoundary } from '../../../components/ErrorBoundary';
import { ErrorMessage, Loading } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { meshQueryOptions } from '../api/appmesh';
import { ExportControl } from '../../import/components/ExportControl';
import { DeleteButton } from './DeleteButton';

/** A mesh: its name, its sections as tabs (links), and the selected section below. */
export function MeshLayout({ hasTopology }: { hasTopology: boolean }) {
  const { mesh = '' } = useParams();
  const described = useQuery(meshQueryOptions(mesh));
  const base = `/meshes/${seg(mesh)}`;
  const sections = [
    { to: `${base}/virtualServices`, label: 'Virtual services' },
    { to: `${base}/virtualNodes`, label: 'Virtual nodes' },
    { to: `${base}/virtualRouters`, label: 'Virtual routers' },
    { to: `${base}/virtualGateways`, label: 'Virtual gateways' },
    ...(hasTopology ? [{ to: `${base}/topology`, label: 'Topology' }] : []),
    { to: `${base}/envoy`, label: 'Envoy' },
  ];
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link to="/">Meshes</Link> <span aria-hidden="true">/</span> <span>{mesh}</span>
      </nav>
      <div className="page-header">
        <h1>
          <span className="kind">Mesh</span> {mesh}
        </h1>
        <ExportControl mesh={mesh} />
        <DeleteButton id={{ kind: 'mesh', mesh }} name={mesh} label="mesh" afterDelete="/" />
      </div>
      {described.isError ? <ErrorMessage error={described.error} title={`Could not load mesh ${mesh}`} /> : null}
      <nav aria-label="Mesh sections" className="section-tabs">
        {sections.map((s) => (
          <NavLink key={s.to} to={s.to}>
            {s.label}
          </NavLink>
        ))}
      </nav>
      <ErrorBoundary>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
