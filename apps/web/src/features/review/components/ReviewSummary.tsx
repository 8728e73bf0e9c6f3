/** One reviewed section: its title, the step that edits it, and label/value rows. */
export interface ReviewSection {
  title: string;
  step: number;
  /** Accessible name suffix of its Edit button ("Edit virtual nodes"). */
  editLabel: string;
  rows: { label: string; value: string }[];
}

export function ReviewSummary({ sections, onEdit }: { sections: ReviewSection[]; onEdit: (step: number) => void }) {
  return (
    <div className="review-sections">
      {sections.map((s) => (
        <section key={s.title} className="review-section" aria-label={s.title}>
          <header className="review-section-header">
            <h3>{s.title}</h3>
            <button type="button" className="button secondary small" onClick={() => onEdit(s.step)}>
              Edit<span className="visually-hidden"> {s.editLabel}</span>
            </button>
          </header>
          <dl className="facts">
            {s.rows.map((r) => (
              <div key={r.label}>
                <dt>{r.label}</dt>
                <dd>{r.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
