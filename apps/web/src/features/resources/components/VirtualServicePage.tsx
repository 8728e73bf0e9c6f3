import { Link, useParams } from 'react-router';
import { seg } from '../../../lib/api-client';
import { ResourcePage, Facts } from './ResourcePage';

export function VirtualServicePage() {
  const { mesh = '', service = '' } = useParams();
  const base = `/meshes/${seg(mesh)}`;
  return (
    <ResourcePage id={{ mesh, kind: 'virtualService' }} name={service} backTo={`${base}/virtualServices`}>
      {(data) => {
        const p = data.spec.provider;
        const provider = p?.virtualRouter ? (
          <>
            virtual router <Link to={`${base}/virtualRouters/${seg(p.virtualRouter.virtualRouterName)}`}>{p.virtualRouter.virtualRouterName}</Link>
          </>
        ) : p?.virtualNode ? (
          <>
            virtual node <Link to={`${base}/virtualNodes/${seg(p.virtualNode.virtualNodeName)}`}>{p.virtualNode.virtualNodeName}</Link>
          </>
        ) : (
          'None'
        );
        return (
          <section className="card" aria-labelledby="spec-title">
            <h3 id="spec-title">Spec</h3>
            <Facts rows={[{ label: 'Provider', value: provider }]} />
          </section>
        );
      }}
    </ResourcePage>
  );
}
