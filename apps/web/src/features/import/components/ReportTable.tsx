import type { ImportReport } from '@meshwright/model';
import { kindLabels } from '../../review/lib/cli-input-files';

/** What the import mapped, defaulted, dropped or could not resolve, each with its file and path. */
export function ReportTable({ report }: { report: ImportReport }) {
  const rows = report.entries;
  if (!rows.length) return <p role="status">Everything was translated as is: nothing to report.</p>;
  return (
    <table className="table">
      <caption>Import report</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">File</th>
          <th scope="col">Path</th>
          <th scope="col">Resource</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.source}-${r.path}-${i}`}>
            <td>
              <span className={`badge ${r.action === 'unresolved' ? 'error' : r.action === 'dropped' ? 'warning' : 'ok'}`}>{r.action}</span>
            </td>
            <td>{r.source}</td>
            <td>
              <code className="path">{r.path}</code>
            </td>
            <td>{r.resource ? `${kindLabels[r.resource.kind] ?? r.resource.kind} ${r.resource.name}` : ''}</td>
            <td>{r.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
