// A node's or gateway's Envoy access log: the latest lines, then each new one as it streams in (SSE), with
// status and path filters and a pause that keeps what is shown still.
import { useEffect, useRef, useState } from 'react';
import { accessLogStreamUrl, fetchAccessLog, type AccessLogLine, type ProxySubject } from '../api/traffic-api';

const KEEP = 200;

export function AccessLogView({ mesh, proxy }: { mesh: string; proxy: ProxySubject }) {
  const [lines, setLines] = useState<AccessLogLine[]>([]);
  const [paused, setPaused] = useState(false);
  const [status, setStatus] = useState('');
  const [path, setPath] = useState('');
  const pausedRef = useRef(paused);
  pausedRef.current = paused;

  // Keyed by the subject's parts: a new object for the same proxy keeps the stream open.
  const { kind, name } = proxy;
  useEffect(() => {
    const proxy = { kind, name };
    const controller = new AbortController();
    fetchAccessLog(mesh, proxy, controller.signal).then((r) => setLines(r.lines), () => undefined);
    if (typeof EventSource === 'undefined') return () => controller.abort();
    const events = new EventSource(accessLogStreamUrl(mesh, proxy));
    events.addEventListener('line', (e) => {
      if (pausedRef.current) return;
      const line = JSON.parse((e as MessageEvent<string>).data) as AccessLogLine;
      setLines((prev) => [line, ...prev].slice(0, KEEP));
    });
    return () => {
      controller.abort();
      events.close();
    };
  }, [mesh, kind, name]);

  const shown = lines.filter((l) => (!status || (l.status !== null && String(l.status).startsWith(status[0] ?? ''))) && (!path || l.path.includes(path)));
  return (
    <div className="access-log">
      <div className="row">
        <label>Status <select value={status} onChange={(e) => setStatus(e.target.value)}><option value="">all</option><option value="2xx">2xx</option><option value="4xx">4xx</option><option value="5xx">5xx</option></select></label>
        <label>Path contains <input value={path} onChange={(e) => setPath(e.target.value)} /></label>
        <button type="button" onClick={() => setPaused((p) => !p)} aria-pressed={paused}>{paused ? 'Resume' : 'Pause'}</button>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No requests logged yet.</p>
      ) : (
        <table aria-label="Access log">
          <thead><tr><th>Time</th><th>Status</th><th>Method</th><th>Path</th><th>ms</th><th>Upstream</th></tr></thead>
          <tbody>
            {shown.map((l, i) => (
              <tr key={`${l.time}-${i}`}><td>{l.time.slice(11, 23)}</td><td>{l.status ?? '—'}</td><td>{l.method}</td><td>{l.path}</td><td>{l.durationMs ?? '—'}</td><td>{l.upstreamCluster}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
