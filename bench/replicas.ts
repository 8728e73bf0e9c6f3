// Cross-replica propagation: `TEST_DATABASE_URL=postgres://... npx tsx bench/replicas.ts`.
// Two real replica processes on one PostgreSQL schema; a real Envoy connected to replica B. Each round
// changes the route's weights through replica A's App Mesh API and measures, from A's answer (the
// commit), until the Envoy on B routes by the new weights: NOTIFY -> B's LISTEN -> recompute -> RDS push
// -> Envoy applies (and ACKs). Probed by requests through Envoy's egress every ~1 ms.
import { performance } from 'node:perf_hooks';
import { get, setWeights } from '../testkit/xds/color-mesh';
import { colorReplicas } from '../testkit/xds/color-replicas';

const ROUNDS = Number(process.env.REPLICA_BENCH_ROUNDS ?? 40);

function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

const cr = await colorReplicas({}, [{ REPLICA_ID: 'a' }, { REPLICA_ID: 'b' }], 1);
try {
  const [a] = cr.replicas;
  if (!a) throw new Error('no replica A');
  const latencies: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const to = i % 2 === 0 ? 'green' : 'blue';
    await setWeights(a.client, to === 'green' ? { blue: 0, green: 100 } : { blue: 100, green: 0 });
    const committed = performance.now();
    while ((await get(cr.egress)) !== to) {
      if (performance.now() - committed > 10_000) throw new Error(`round ${i}: the Envoy on B never routed to ${to}`);
    }
    latencies.push(performance.now() - committed);
  }
  const fmt = (v: number) => `${v.toFixed(1)} ms`;
  console.log(`write on replica A -> Envoy on replica B routes by it: p50 ${fmt(pct(latencies, 50))}  p99 ${fmt(pct(latencies, 99))}  max ${fmt(Math.max(...latencies))}  (n=${latencies.length})`);
} finally {
  await cr.close();
}
