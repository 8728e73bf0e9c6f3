// The node page's traffic section, lazy-loaded so home and the wizard do not carry it.
import { lazy, Suspense } from 'react';
import { Loading } from '../../components/states';

const Panel = lazy(() => import('./components/NodeTrafficPanel').then((m) => ({ default: m.NodeTrafficPanel })));

export function NodeTrafficSection({ mesh, node }: { mesh: string; node: string }) {
  return (
    <section className="card" aria-labelledby="traffic-title">
      <h3 id="traffic-title">Traffic</h3>
      <Suspense fallback={<Loading label="Loading traffic" lines={3} />}>
        <Panel mesh={mesh} node={node} />
      </Suspense>
    </section>
  );
}
export { shareLabel, useMeshTraffic } from './api/traffic-api';
export { MeasuredShare } from './components/MeasuredShare';
export { SelectionTraffic } from './components/SelectionTraffic';
