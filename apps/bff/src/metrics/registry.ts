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

interface Family {
  help: string;
  type: 'counter' | 'histogram' | 'gauge';
  render(name: string): string[];
}

export class MetricsRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): (labels: Labels, by?: number) => void {
    const values = new Map<string, { labels: Labels; value: number }>();
    this.families.set(name, { help, type: 'counter', render: (n) => [...values.values()].map((v) => `${n}${labelText(v.labels)} ${v.value}`) });
    return (labels, by = 1) => {
      const key = labelKey(labels);
      const entry = values.get(key);
      if (entry) entry.value += by;
      else values.set(key, { labels, value: by });
    };
  }

  histogram(name: string, help: string, buckets: number[]): (labels: Labels, value: number) => void {
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
    return (labels, value) => {
      const key = labelKey(labels);
      let entry = values.get(key);
      if (!entry) {
        entry = { labels, counts: buckets.map(() => 0), sum: 0, count: 0 };
        values.set(key, entry);
      }
      for (let i = 0; i < buckets.length; i++) if (value <= (buckets[i] ?? 0)) entry.counts[i] = (entry.counts[i] ?? 0) + 1;
      entry.sum += value;
      entry.count += 1;
    };
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
