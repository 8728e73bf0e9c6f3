import type { Finding } from '@meshwright/model';
import { kindLabels } from '../lib/cli-input-files';

/** The dry run's findings, errors first; each names the resource and the field it concerns. */
export function FindingsPanel({ findings, onGoTo }: { findings: Finding[]; onGoTo?: (f: Finding) => void }) {
  if (findings.length === 0) {
    return (
      <div className="alert success" role="status">
        <p className="alert-title">Dry run passed</p>
        <p>meshwright checked every resource and reference: nothing to fix.</p>
      </div>
    );
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <div className={`alert ${errors > 0 ? 'error' : 'warning'}`} role="region" aria-label="Dry-run findings">
      <p className="alert-title">
        Dry run: {errors} error{errors === 1 ? '' : 's'}, {findings.length - errors} warning{findings.length - errors === 1 ? '' : 's'}
      </p>
      <ul className="findings">
        {findings.map((f, i) => (
          <li key={`${f.code}-${f.resource.name}-${f.path}-${i}`} className={f.severity}>
            <span className={`badge ${f.severity}`}>{f.severity}</span>{' '}
            <strong>
              {kindLabels[f.resource.kind] ?? f.resource.kind} {f.resource.name}
            </strong>
            {f.path ? <code className="path">{f.path}</code> : null}: {f.message}{' '}
            {onGoTo ? (
              <button type="button" className="button-link" onClick={() => onGoTo(f)}>
                Fix<span className="visually-hidden"> {f.resource.name}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
