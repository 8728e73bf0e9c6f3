// A gateway's routes with what each carried over the last 5 minutes (their own Envoy stats).
import { useMeshTraffic } from '../api/traffic-api';

const pct = (errors: number, requests: number) => (requests === 0 ? '0%' : `${Math.round((errors / requests) * 1000) / 10}%`);

export function GatewayRoutesTraffic({ mesh, gateway }: { mesh: string; gateway: string }) {
  const q = useMeshTraffic(mesh);
  const routes = (q.data?.gatewayRoutes ?? []).filter((r) => r.source.name === gateway);
  if (routes.length === 0) return <p className="muted">No traffic yet through this gateway's routes (last 5 minutes).</p>;
  return (
    <table className="table">
      <caption>Gateway route traffic (5 min)</caption>
      <thead><tr><th scope="col">Gateway route</th><th scope="col">Service</th><th scope="col">Requests</th><th scope="col">req/s</th><th scope="col">5xx</th><th scope="col">p99</th></tr></thead>
      <tbody>
        {routes.map((r) => (
          <tr key={r.gatewayRoute}>
            <td>{r.gatewayRoute.slice(r.gatewayRoute.indexOf('/') + 1)}</td><td>{r.service}</td><td>{r.requests}</td><td>{r.rps}</td><td>{pct(r.status['5xx'], r.requests)}</td><td>{r.latencyMs.p99 === null ? '—' : `${r.latencyMs.p99} ms`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
