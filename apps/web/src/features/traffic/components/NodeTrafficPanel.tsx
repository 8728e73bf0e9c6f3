// A node's, gateway's or route's traffic: request rate, 5xx and p99 per 10 s over the window, and for
// proxies the live access log.
import { useState } from 'react';
import { useSubjectTraffic, type TrafficSubject, type TrafficWindow } from '../api/traffic-api';
import { AccessLogView } from './AccessLogView';
import { TimeChart } from './TimeChart';
import './traffic.css';

const sent: Record<TrafficSubject['kind'], string> = {
  virtualNode: "Requests this node's Envoy sends show here within 10 s.",
  virtualGateway: "Requests through this gateway's Envoy show here within 10 s.",
  route: "Requests callers' Envoys send on this route show here within 10 s.",
};

export function TrafficPanel({ mesh, subject }: { mesh: string; subject: TrafficSubject }) {
  const [window, setWindow] = useState<TrafficWindow>('5m');
  const q = useSubjectTraffic(mesh, subject, window);
  const points = q.data?.points ?? [];
  const any = points.some((p) => p.requests > 0);
  const times = points.map((p) => p.t);
  return (
    <>
      <label>
        Window{' '}
        <select value={window} onChange={(e) => setWindow(e.target.value as TrafficWindow)}>
          <option value="60s">1 minute</option>
          <option value="5m">5 minutes</option>
          <option value="15m">15 minutes</option>
        </select>
      </label>
      {q.isError ? <p role="alert">Traffic could not be read: {q.error.message}</p> : null}
      {!any ? (
        <div className="empty"><p className="empty-title">No traffic yet</p><p>{sent[subject.kind]}</p></div>
      ) : (
        <div className="sparklines">
          <TimeChart title="Request rate" unit="req/s" times={times} values={points.map((p) => p.requests / 10)} />
          <TimeChart title="Errors (5xx)" unit="req/s" times={times} values={points.map((p) => p.errors / 10)} />
          <TimeChart title="p99 latency" unit="ms" times={times} values={points.map((p) => p.p99Ms)} />
        </div>
      )}
      {subject.kind !== 'route' ? (
        <>
          <h4>Access log</h4>
          <AccessLogView mesh={mesh} proxy={subject} />
        </>
      ) : null}
    </>
  );
}
