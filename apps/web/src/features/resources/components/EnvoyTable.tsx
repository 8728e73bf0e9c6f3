import { useQuery, type UseQueryOptions } from '@tanstack/react-query';
import { ApiError } from '../../../lib/api-client';
import type { SyncStatus as SyncStatusData } from '../api/appmesh';

/** One Envoy to configure: a virtual node or a virtual gateway. */
export interface EnvoyRow {
  name: string;
  staticUrl: string;
  adsUrl: string;
  sync: UseQueryOptions<SyncStatusData, Error, SyncStatusData, string[]>;
}

/** Bootstrap downloads (static, ADS) and sync status per proxy owner. */
export function EnvoyTable({ caption, owner, rows }: { caption: string; owner: string; rows: EnvoyRow[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{owner}</th>
          <th scope="col">Bootstrap</th>
          <th scope="col">Sync status</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <td>{r.name}</td>
            <td>
              <a href={r.staticUrl} download>
                Static<span className="visually-hidden"> bootstrap of {r.name}</span>
              </a>{' '}
              ·{' '}
              <a href={r.adsUrl} download>
                ADS<span className="visually-hidden"> bootstrap of {r.name}</span>
              </a>
            </td>
            <td>
              <SyncStatus options={r.sync} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SyncStatus({ options }: { options: EnvoyRow['sync'] }) {
  const status = useQuery(options);
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
