// A small SVG line chart: one series over the window, its latest value beside the title. Plain SVG
// keeps it out of the bundle budget; an empty series says so instead of drawing a flat line.
export function Sparkline({ title, values, unit }: { title: string; values: (number | null)[]; unit: string }) {
  const seen = values.filter((v): v is number => v !== null);
  const max = Math.max(1, ...seen);
  const w = 240;
  const h = 48;
  const step = values.length > 1 ? w / (values.length - 1) : w;
  const path = values
    .map((v, i) => (v === null ? null : `${i * step},${h - (v / max) * (h - 4) - 2}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  const last = seen.at(-1);
  return (
    <figure className="sparkline" aria-label={`${title} chart`}>
      <figcaption>
        {title}: <strong>{last === undefined ? '—' : `${Math.round(last * 10) / 10} ${unit}`}</strong> <span className="muted">(max {Math.round(max * 10) / 10})</span>
      </figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={`${title} over the window`}>
        <polyline points={path} fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
    </figure>
  );
}
