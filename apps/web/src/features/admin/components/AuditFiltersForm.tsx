import { useId, useState, type FormEvent } from 'react';
import type { AuditFilterName, AuditFilters } from '../lib/audit-filters';

const fields: { name: AuditFilterName; label: string; placeholder: string }[] = [
  { name: 'key', label: 'Access key ID', placeholder: 'any key' },
  { name: 'operation', label: 'Operation', placeholder: 'e.g. appmesh:CreateMesh' },
  { name: 'outcome', label: 'Outcome', placeholder: 'ok, ForbiddenException, …' },
  { name: 'mesh', label: 'Mesh', placeholder: 'any mesh' },
];

/** The four filters; applying them puts them in the page URL. */
export function AuditFiltersForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const baseId = useId();
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <section className="card" aria-labelledby={`${baseId}-title`}>
      <h2 id={`${baseId}-title`} className="visually-hidden">
        Filters
      </h2>
      <form className="filters" onSubmit={onSubmit}>
        {fields.map((f) => (
          <div className="field" key={f.name}>
            <label htmlFor={`${baseId}-${f.name}`}>{f.label}</label>
            <input id={`${baseId}-${f.name}`} value={draft[f.name] ?? ''} placeholder={f.placeholder} onChange={(e) => setDraft({ ...draft, [f.name]: e.target.value })} />
          </div>
        ))}
        <div className="button-row">
          <button type="submit" className="button primary">
            Apply filters
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setDraft({});
              onApply({});
            }}
          >
            Clear
          </button>
        </div>
      </form>
    </section>
  );
}
