// The topology side panel's traffic for the selected node or route: each edge's rate and error share,
// and a route target's configured and measured share. Nothing is drawn before there is traffic.
import type { TrafficEdge } from '@meshwright/model';
import { useMeshTraffic } from '../api/traffic-api';

const errorShare = (e: TrafficEdge) => (e.requests === 0 ? 0 : Math.round((e.status['5xx'] / e.requests) * 1000) / 10);

export function SelectionTraffic({ mesh, kind, name }: { mesh: string; kind: string; name: string }) {
  const q = useMeshTraffic(mesh);
  const edges = (q.data?.edges ?? []).filter((e) =>
    kind === 'route' ? e.route === name : kind === 'virtualNode' ? e.target.name === name || (e.source.kind === 'virtualNode' && e.source.name === name) : kind === 'virtualGateway' ? e.source.kind === 'virtualGateway' && e.source.name === name : false,
  );
  if (!['route', 'virtualNode', 'virtualGateway'].includes(kind)) return null;
  if (edges.length === 0) return <p className="muted">No traffic yet (last 5 minutes).</p>;
  return (
    <>
      <h3>Traffic (5 min)</h3>
      <ul className="topo-traffic" aria-label="Traffic">
        {edges.map((e) => (
          <li key={`${e.source.name}|${e.route ?? ''}|${e.target.name}`}>
            {e.source.name} → {e.target.name}: {e.rps} req/s, {errorShare(e)}% 5xx
            {e.latencyMs.p99 !== null ? `, p99 ${e.latencyMs.p99} ms` : ''}
            {e.configuredWeight !== null && e.measuredShare !== null ? ` · ${e.configuredWeight}% configured · ${Math.round(e.measuredShare * 1000) / 10}% measured` : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
