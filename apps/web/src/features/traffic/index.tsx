// The pages' traffic sections, lazy-loaded so home and the wizard do not carry them.
import { lazy, Suspense } from 'react';
import { Loading } from '../../components/states';
import type { TrafficSubject } from './api/traffic-api';

const Panel = lazy(() => import('./components/NodeTrafficPanel').then((m) => ({ default: m.TrafficPanel })));

export function TrafficSection({ mesh, subject }: { mesh: string; subject: TrafficSubject }) {
  return (
    <section className="card" aria-labelledby="traffic-title">
      <h3 id="traffic-title">Traffic</h3>
      <Suspense fallback={<Loading label="Loading traffic" lines={3} />}>
        <Panel mesh={mesh} subject={subject} />
      </Suspense>
    </section>
  );
}

export function NodeTrafficSection({ mesh, node }: { mesh: string; node: string }) {
  return <TrafficSection mesh={mesh} subject={{ kind: 'virtualNode', name: node }} />;
}
export { shareLabel, useMeshTraffic } from './api/traffic-api';
export { MeasuredShare } from './components/MeasuredShare';
export { SelectionTraffic } from './components/SelectionTraffic';
export { GatewayRoutesTraffic } from './components/GatewayRoutesTraffic';
