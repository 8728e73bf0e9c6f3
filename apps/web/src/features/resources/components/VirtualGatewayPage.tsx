import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ListStates } from '../../../components/states';
import { seg } from '../../../lib/api-client';
import { childrenQueryOptions } from '../api/appmesh';
import { gatewayEnvoyConfigUrl, gatewaySyncStatusQueryOptions } from '../api/gateways';
import { EffectiveRouting } from './EffectiveRouting';
import { DeploySection } from '../../deploy';
import { EnvoyTable } from './EnvoyTable';
import { Facts, ResourcePage } from './ResourcePage';
import { ResourceLinks } from './ResourceLinks';
import { GatewayRoutesTraffic, TrafficSection } from '../../traffic';

export function VirtualGatewayPage() {
  const { mesh = '', gateway = '' } = useParams();
  const routes = useQuery(childrenQueryOptions({ mesh, kind: 'gatewayRoute', gateway }));
  return (
    <ResourcePage id={{ mesh, kind: 'virtualGateway' }} name={gateway} backTo={`/meshes/${seg(mesh)}/virtualGateways`}>
      {(data) => (
        <>
          <section className="card" aria-labelledby="spec-title">
            <h3 id="spec-title">Spec</h3>
            <Facts
              rows={[
                { label: 'Listeners', value: data.spec.listeners.map((l) => `${l.portMapping.protocol} ${l.portMapping.port}${l.tls ? ` (TLS ${l.tls.mode})` : ''}`).join(', ') || 'None' },
                { label: 'Log path', value: data.spec.logging?.accessLog?.file?.path ?? '—' },
              ]}
            />
          </section>
          <section className="card" aria-labelledby="gateway-routes-title">
            <div className="page-header">
              <h3 id="gateway-routes-title">Gateway routes</h3>
              <Link className="button secondary" to="gatewayRoutes/-/new">
                Create gateway route
              </Link>
            </div>
            <ListStates query={routes} lines={2} empty="No gateway routes yet" />
            <ResourceLinks items={routes.data} href={(r) => `gatewayRoutes/${seg(r.name)}`} />
          </section>
          <TrafficSection mesh={mesh} subject={{ kind: 'virtualGateway', name: gateway }} />
          <section className="card" aria-labelledby="gateway-route-traffic-title">
            <h3 id="gateway-route-traffic-title">Gateway route traffic</h3>
            <GatewayRoutesTraffic mesh={mesh} gateway={gateway} />
          </section>
          <section className="card" aria-labelledby="effective-title">
            <h3 id="effective-title">Effective routing</h3>
            <EffectiveRouting mesh={mesh} gateway={gateway} />
          </section>
          <section className="card" aria-labelledby="gateway-envoy-title">
            <h3 id="gateway-envoy-title">Envoy</h3>
            <p className="lead">
              The gateway is a standalone Envoy with node id <code>{`mesh/${mesh}/virtualGateway/${gateway}`}</code>.
            </p>
            <EnvoyTable
              caption={`Envoy configuration of ${gateway}`}
              owner="Virtual gateway"
              rows={[{ name: gateway, staticUrl: gatewayEnvoyConfigUrl(mesh, gateway, 'static'), adsUrl: gatewayEnvoyConfigUrl(mesh, gateway, 'ads'), sync: gatewaySyncStatusQueryOptions(mesh, gateway) }]}
            />
          </section>
          <DeploySection mesh={mesh} kind="virtualGateway" name={gateway} />
        </>
      )}
    </ResourcePage>
  );
}
