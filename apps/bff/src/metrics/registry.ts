// A small Prometheus registry: counters and histograms with labels, rendered in the text exposition
// format (version 0.0.4). Small enough not to need a dependency; gauges are read when scraped.
type Labels = Record<string, string>;

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labelText = (l: Labels) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${escape(v)}"`);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
};

/** Identifies a label set within one family: cheaper than labelText, which escapes, and called per request. */
const labelKey = (l: Labels) => {
  let key = '';
  for (const k in l) key += `${k}\u0000${l[k]}\u0001`;
  return key;
};

/** Adds to the series of `labels`; `of(labels)` is the same for one series, its key made once. */
export type Counter = ((labels: Labels, by?: number) => void) & { of(labels: Labels): (by?: number) => void };
/** Observes a value in the series of `labels`; `of(labels)` is the same for one series. */
export type Histogram = ((labels: Labels, value: number) => void) & { of(labels: Labels): (value: number) => void };

/**
 * One series of a family, for a caller that updates it often: its key is made once, and its entry
 * found once it exists (the first update makes it, so a series never updated is never rendered).
 */
function seriesOf<E, A>(values: Map<string, E>, labels: Labels, first: (labels: Labels, arg: A) => void, update: (entry: E, arg: A) => void): (arg: A) => void {
  const key = labelKey(labels);
  let entry: E | undefined;
  return (arg) => {
    entry ??= values.get(key);
    if (entry === undefined) first(labels, arg);
    else update(entry, arg);
  };
}

interface Family {
  help: string;
  type: 'counter' | 'histogram' | 'gauge';
  render(name: string): string[];
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    const values = new Map<string, { labels: Labels; value: number }>();
    this.families.set(name, { help, type: 'counter', render: (n) => [...values.values()].map((v) => `${n}${labelText(v.labels)} ${v.value}`) });
    const add = (labels: Labels, by = 1) => {
      const key = labelKey(labels);
      const entry = values.get(key);
      if (entry) entry.value += by;
      else values.set(key, { labels, value: by });
    };
    return Object.assign(add, { of: (labels: Labels) => seriesOf<{ value: number }, number | undefined>(values, labels, add, (e, by = 1) => (e.value += by)) });
  }

  histogram(name: string, help: string, buckets: number[]): Histogram {
    const values = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
    this.families.set(name, {
      help,
      type: 'histogram',
      render: (n) =>
        [...values.values()].flatMap((v) => [
          ...buckets.map((b, i) => `${n}_bucket${labelText({ ...v.labels, le: String(b) })} ${v.counts[i] ?? 0}`),
          `${n}_bucket${labelText({ ...v.labels, le: '+Inf' })} ${v.count}`,
          `${n}_sum${labelText(v.labels)} ${v.sum}`,
          `${n}_count${labelText(v.labels)} ${v.count}`,
        ]),
    });
    type Entry = { labels: Labels; counts: number[]; sum: number; count: number };
    const record = (entry: Entry, value: number) => {
      for (let i = 0; i < buckets.length; i++) if (value <= (buckets[i] ?? 0)) entry.counts[i] = (entry.counts[i] ?? 0) + 1;
      entry.sum += value;
      entry.count += 1;
    };
    const observe = (labels: Labels, value: number) => {
      const key = labelKey(labels);
      let entry = values.get(key);
      if (!entry) {
        entry = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
        values.set(key, entry);
      }
      record(entry, value);
    };
    return Object.assign(observe, { of: (labels: Labels) => seriesOf(values, labels, observe, record) });
  }

  gauge(name: string, help: string, read: () => number): void {
    this.families.set(name, { help, type: 'gauge', render: (n) => [`${n} ${read()}`] });
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, f] of this.families) lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`, ...f.render(name));
    return `${lines.join('\n')}\n`;
  }
}
