import { Link, useParams } from 'react-router';
import { gatewayRouteKindOf } from '@meshwright/model';
import { seg } from '../../../lib/api-client';
import { EffectiveRouting } from './EffectiveRouting';
import { Facts, ResourcePage } from './ResourcePage';

export function GatewayRoutePage() {
  const { mesh = '', gateway = '', gatewayRoute = '' } = useParams();
  const base = `/meshes/${seg(mesh)}`;
  return (
    <ResourcePage id={{ mesh, kind: 'gatewayRoute', gateway }} name={gatewayRoute} backTo={`${base}/virtualGateways/${seg(gateway)}`}>
      {(data) => {
        const kind = gatewayRouteKindOf(data.spec);
        const service = data.spec[kind]?.action.target.virtualService.virtualServiceName ?? '';
        return (
          <section className="card" aria-labelledby="spec-title">
            <h3 id="spec-title">Spec</h3>
            <Facts
              rows={[
                { label: 'Virtual gateway', value: <Link to={`${base}/virtualGateways/${seg(gateway)}`}>{gateway}</Link> },
                { label: 'Type', value: kind },
                { label: 'Priority', value: data.spec.priority ?? '—' },
                { label: 'Target', value: <Link to={`${base}/virtualServices/${seg(service)}`}>{service}</Link> },
              ]}
            />
            <h4 className="subsection-title">Effective routing</h4>
            <EffectiveRouting mesh={mesh} gateway={gateway} only={gatewayRoute} />
          </section>
        );
      }}
    </ResourcePage>
  );
}
