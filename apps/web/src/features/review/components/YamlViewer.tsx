// Loaded lazily: only the Envoy config tabs need it. Highlights keys, strings and numbers of YAML
// line by line (no parser needed for display).

const linePattern = /^(\s*-?\s*)([^:#'"\s][^:#]*?)(:)(\s.*|$)/;

function renderValue(value: string, key: string) {
  const v = value.trim();
  if (!v) return value;
  const cls = /^["']/.test(v) ? 'y-str' : /^-?\d+(\.\d+)?$/.test(v) || /^(true|false|null)$/.test(v) ? 'y-num' : 'y-val';
  return (
    <>
      {' '}
      <span className={cls} key={key}>
        {v}
      </span>
    </>
  );
}

export function YamlViewer({ text, label }: { text: string; label: string }) {
  const lines = text.split('\n');
  return (
    <pre className="code yaml" tabIndex={0} aria-label={label}>
      {lines.map((line, i) => {
        const m = linePattern.exec(line);
        if (!m) return <span key={i}>{line + '\n'}</span>;
        return (
          <span key={i}>
            {m[1]}
            <span className="y-key">{m[2]}</span>
            {m[3]}
            {renderValue(m[4] ?? '', `v${i}`)}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}
