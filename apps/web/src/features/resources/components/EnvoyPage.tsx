import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { EmptyState, ErrorMessage, Loading } from '../../../components/states';
import { ApiError } from '../../../lib/api-client';
import { childrenQueryOptions, envoyConfigUrl, syncStatusQueryOptions } from '../api/appmesh';

/** Per virtual node: its Envoy bootstrap downloads and, when xDS push runs, whether it is in sync. */
export function EnvoyPage() {
  const { mesh = '' } = useParams();
  const nodes = useQuery(childrenQueryOptions({ mesh, kind: 'virtualNode' }));
  return (
    <section className="card" aria-labelledby="envoy-title">
      <h2 id="envoy-title">Envoy</h2>
      <p className="lead">
        Each virtual node&apos;s Envoy runs with a bootstrap: <em>static</em> carries the whole configuration, <em>ADS</em> points Envoy at meshwright, which pushes
        changes as you make them.
      </p>
      {nodes.isPending ? <Loading /> : null}
      {nodes.isError ? <ErrorMessage error={nodes.error} /> : null}
      {nodes.data?.length === 0 ? <EmptyState title="No virtual nodes, so no Envoy to configure" /> : null}
      {nodes.data && nodes.data.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Envoy configuration per virtual node</caption>
          <thead>
            <tr>
              <th scope="col">Virtual node</th>
              <th scope="col">Bootstrap</th>
              <th scope="col">Sync status</th>
            </tr>
          </thead>
          <tbody>
            {nodes.data.map((n) => (
              <tr key={n.arn}>
                <td>{n.name}</td>
                <td>
                  <a href={envoyConfigUrl(mesh, n.name, 'static')} download>
                    Static<span className="visually-hidden"> bootstrap of {n.name}</span>
                  </a>{' '}
                  ·{' '}
                  <a href={envoyConfigUrl(mesh, n.name, 'ads')} download>
                    ADS<span className="visually-hidden"> bootstrap of {n.name}</span>
                  </a>
                </td>
                <td>
                  <SyncStatus mesh={mesh} node={n.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function SyncStatus({ mesh, node }: { mesh: string; node: string }) {
  const status = useQuery(syncStatusQueryOptions(mesh, node));
  if (status.isPending) return <span className="muted">checking…</span>;
  if (status.isError) return <span className="muted">{status.error instanceof ApiError && status.error.status === 404 ? 'not available' : 'unknown'}</span>;
  const { state, proxies, configError } = status.data;
  const tone = state === 'SYNCED' ? 'ok' : state === 'NACKED' ? 'error' : 'warning';
  return (
    <span className="sync">
      <span className={`badge ${tone}`}>{state}</span> {proxies.length} Envoy{proxies.length === 1 ? '' : 's'} connected
      {configError ? <span className="field-error"> {configError}</span> : null}
    </span>
  );
}
