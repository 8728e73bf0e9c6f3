// "80% configured · 79.4% measured" for a route's weighted target, over every caller of the route.
import { useMeshTraffic } from '../api/traffic-api';

export function MeasuredShare({ mesh, route, node, configured }: { mesh: string; route: string; node: string; configured: number }) {
  const q = useMeshTraffic(mesh);
  const onRoute = (q.data?.edges ?? []).filter((e) => e.route === route);
  const total = onRoute.reduce((s, e) => s + e.requests, 0);
  const mine = onRoute.filter((e) => e.target.name === node).reduce((s, e) => s + e.requests, 0);
  const measured = total === 0 ? 'no traffic yet' : `${Math.round((mine / total) * 1000) / 10}% measured`;
  return <span className="measured-share">{`${configured}% configured · ${measured}`}</span>;
}
