// The topology side panel's traffic for the selected node, gateway or route: its health, each edge's
// rate and error share, and a route target's configured and measured share. Nothing is drawn before
// there is traffic.
import type { TrafficEdge } from '@meshwright/model';
import { useMeshTraffic } from '../api/traffic-api';

const percent = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10);

function touches(e: TrafficEdge, kind: string, name: string): boolean {
  if (kind === 'route') return e.route === name;
  if (kind === 'virtualNode') return e.target.name === name || (e.source.kind === 'virtualNode' && e.source.name === name);
  if (kind === 'virtualGateway') return e.source.kind === 'virtualGateway' && e.source.name === name;
  return false;
}

export function SelectionTraffic({ mesh, kind, name }: { mesh: string; kind: string; name: string }) {
  const q = useMeshTraffic(mesh);
  if (!['route', 'virtualNode', 'virtualGateway'].includes(kind)) return null;
  const edges = (q.data?.edges ?? []).filter((e) => touches(e, kind, name));
  const health = (q.data?.proxies ?? []).find((p) => p.proxy.kind === kind && p.proxy.name === name);
  const gatewayRoutes = (q.data?.gatewayRoutes ?? []).filter((r) => kind === 'virtualGateway' && r.source.name === name);
  if (edges.length === 0 && !health && gatewayRoutes.length === 0) return <p className="muted">No traffic yet (last 5 minutes).</p>;
  return (
    <>
      <h3>Traffic (5 min)</h3>
      {health ? (
        <p>
          Health: <strong>{health.state}</strong>
          {health.ejectionsActive > 0 ? `, ${health.ejectionsActive} endpoint(s) ejected now` : ''}
          {health.ejections > 0 ? `, ${health.ejections} ejection(s)` : ''}
          {health.healthCheckFailures > 0 ? `, ${health.healthCheckFailures} failed health check(s)` : ''}
          {health.endpoints !== null && health.healthyEndpoints !== null ? `, ${health.healthyEndpoints}/${health.endpoints} endpoints healthy` : ''}
          {health.downstream ? `; ${health.downstream.requests} requests reached it, ${percent(health.downstream.status['5xx'], health.downstream.requests)}% 5xx` : ''}
        </p>
      ) : null}
      <ul className="topo-traffic" aria-label="Traffic">
        {gatewayRoutes.map((r) => (
          <li key={r.gatewayRoute}>
            gateway route {r.gatewayRoute.slice(r.gatewayRoute.indexOf('/') + 1)} → {r.service}: {r.rps} req/s, {percent(r.status['5xx'], r.requests)}% 5xx
            {r.latencyMs.p99 !== null ? `, p99 ${r.latencyMs.p99} ms` : ''}
          </li>
        ))}
        {edges.map((e) => (
          <li key={`${e.source.kind}|${e.source.name}|${e.service ?? ''}|${e.route ?? ''}|${e.target.name}`}>
            {e.source.name} → {e.target.name}: {e.rps} req/s, {percent(e.status['5xx'], e.requests)}% 5xx
            {e.latencyMs.p99 !== null ? `, p99 ${e.latencyMs.p99} ms` : ''}
            {e.configuredWeight !== null && e.measuredShare !== null ? ` · ${e.configuredWeight}% configured · ${Math.round(e.measuredShare * 1000) / 10}% measured` : ''}
            {e.attribution === 'estimated' ? ' (split estimated)' : ''}
          </li>
        ))}
      </ul>
    </>
  );
}
