import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { ListTable } from '../../../components/ListTable';
import { ListStates } from '../../../components/states';
import { auditQueryOptions } from '../api/admin-api';
import { filtersFrom, formatTime, newestFirst } from '../lib/audit-filters';
import { AuditFiltersForm } from './AuditFiltersForm';

/** Every write and refused authentication, newest first, filtered by key, operation, outcome and mesh. */
export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const events = useQuery(auditQueryOptions(filters));
  return (
    <div className="page">
      <div className="page-header">
        <h1>Audit log</h1>
      </div>
      <AuditFiltersForm filters={filters} onApply={(next) => setParams(new URLSearchParams(Object.entries(next).filter((e): e is [string, string] => Boolean(e[1]))))} />
      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">Events</h2>
        <ListStates query={events} loading="Loading the audit log" failed="Could not read the audit log" empty="No events match these filters" />
        <ListTable
          caption="Audit events, newest first"
          columns={['Time (UTC)', 'Key', 'Operation', 'Resource', 'Outcome', 'Request ID']}
          rows={events.data && newestFirst(events.data)}
          row={(e) => (
            <tr key={e.requestId + e.operation}>
              <td>{formatTime(e.time)}</td>
              <td>
                <code>{e.accessKeyId || '—'}</code>
              </td>
              <td>{e.operation}</td>
              <td className="wrap">{e.resource || '—'}</td>
              <td title={e.message}>{e.outcome}</td>
              <td>
                <code>{e.requestId}</code>
              </td>
            </tr>
          )}
        />
      </section>
    </div>
  );
}
