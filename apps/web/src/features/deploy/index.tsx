// The Deploy tab, lazy-loaded: the generators (and their YAML writer) stay out of the home and wizard bundles.
import { lazy, Suspense } from 'react';
import { Loading } from '../../components/states';
import type { DeploySubject } from './components/DeployPanel';

const Panel = lazy(() => import('./components/DeployPanel').then((m) => ({ default: m.DeployPanel })));

export function DeploySection(subject: DeploySubject) {
  return (
    <section className="card" aria-labelledby="deploy-title">
      <h3 id="deploy-title">Deploy</h3>
      <Suspense fallback={<Loading label="Loading the deploy files" lines={4} />}>
        <Panel {...subject} />
      </Suspense>
    </section>
  );
}
