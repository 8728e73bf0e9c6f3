import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ListStates } from '../../../components/states';
import { childrenQueryOptions, envoyConfigUrl, syncStatusQueryOptions } from '../api/appmesh';
import { gatewayEnvoyConfigUrl, gatewaySyncStatusQueryOptions } from '../api/gateways';
import { EnvoyTable } from './EnvoyTable';

/** Per virtual node and virtual gateway: its Envoy bootstrap downloads and, when xDS push runs, whether it is in sync. */
export function EnvoyPage() {
  const { mesh = '' } = useParams();
  const nodes = useQuery(childrenQueryOptions({ mesh, kind: 'virtualNode' }));
  const gateways = useQuery(childrenQueryOptions({ mesh, kind: 'virtualGateway' }));
  return (
    <section className="card" aria-labelledby="envoy-title">
      <h2 id="envoy-title">Envoy</h2>
      <p className="lead">
        Each virtual node&apos;s Envoy runs with a bootstrap: <em>static</em> carries the whole configuration, <em>ADS</em> points Envoy at meshwright, which pushes
        changes as you make them.
      </p>
      <ListStates query={nodes} empty="No virtual nodes, so no Envoy to configure" />
      {nodes.data && nodes.data.length > 0 ? (
        <EnvoyTable
          caption="Envoy configuration per virtual node"
          owner="Virtual node"
          rows={nodes.data.map((n) => ({ name: n.name, staticUrl: envoyConfigUrl(mesh, n.name, 'static'), adsUrl: envoyConfigUrl(mesh, n.name, 'ads'), sync: syncStatusQueryOptions(mesh, n.name) }))}
        />
      ) : null}
      {gateways.data && gateways.data.length > 0 ? (
        <EnvoyTable
          caption="Envoy configuration per virtual gateway"
          owner="Virtual gateway"
          rows={gateways.data.map((g) => ({ name: g.name, staticUrl: gatewayEnvoyConfigUrl(mesh, g.name, 'static'), adsUrl: gatewayEnvoyConfigUrl(mesh, g.name, 'ads'), sync: gatewaySyncStatusQueryOptions(mesh, g.name) }))}
        />
      ) : null}
    </section>
  );
}
