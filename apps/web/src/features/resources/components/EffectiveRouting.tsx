import { useQuery } from '@tanstack/react-query';
import { effectiveGatewayRouting, meshModelFromBundle } from '@meshwright/model';
import { EmptyState, ErrorMessage, Loading } from '../../../components/states';
import { meshBundleQueryOptions } from '../../topology/api/topology-api';

/**
 * What the gateway does with a request, route by route, as the model says (effectiveGatewayRouting):
 * App Mesh's default rewrites (Host to the service name, prefix to `/`) are spelled out, with the
 * analysis findings about each route beside it. `only` narrows it to one gateway route.
 */
export function EffectiveRouting({ mesh, gateway, only }: { mesh: string; gateway: string; only?: string }) {
  const query = useQuery(meshBundleQueryOptions(mesh));
  if (query.isPending) return <Loading lines={2} />;
  if (query.isError) return <ErrorMessage error={query.error} />;
  const routes = effectiveGatewayRouting(meshModelFromBundle(query.data.bundle), gateway).filter((r) => only === undefined || r.gatewayRouteName === only);
  if (routes.length === 0) return <EmptyState title="No gateway routes: the gateway answers every request with 404" />;
  const findingsOf = (route: string) => query.data.findings.filter((f) => f.resource.kind === 'gatewayRoute' && f.resource.name === `${gateway}/${route}`);
  return (
    <ol className="effective-routing">
      {routes.map((r) => (
        <li key={r.gatewayRouteName}>
          <p>
            {only === undefined ? <strong>{r.gatewayRouteName}: </strong> : null}
            {r.sentence}.
          </p>
          {r.example && r.example.request !== r.example.upstream ? (
            <p className="muted">
              For example <code>{r.example.request}</code> arrives as <code>{r.example.upstream}</code>.
            </p>
          ) : null}
          {findingsOf(r.gatewayRouteName).map((f) => (
            <p key={`${f.code}:${f.path}`} className={f.severity === 'error' ? 'field-error' : 'muted'}>
              <code className="error-type">{f.code}</code> {f.message}
            </p>
          ))}
        </li>
      ))}
    </ol>
  );
}
