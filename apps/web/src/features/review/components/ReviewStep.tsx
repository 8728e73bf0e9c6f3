import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Bundle, Finding } from '@meshwright/model';
import { Tabs } from '../../../components/Tabs';
import { ErrorMessage, Loading } from '../../../components/states';
import { validateBundleQueryOptions } from '../api/bundles';
import { EnvoyConfigPanel } from './EnvoyConfigPanel';
import { FindingsPanel } from './FindingsPanel';
import { ResourceJsonList } from './ResourceJsonList';
import { ReviewSummary, type ReviewSection } from './ReviewSummary';

const tabs = [
  { id: 'summary', label: 'Summary' },
  { id: 'json', label: 'App Mesh JSON' },
  { id: 'envoy', label: 'Envoy config' },
];

/** Step 4: the draft as the API will see it, the dry run's verdict and the compiled Envoy config. */
export function ReviewStep({ bundle, sections, onEdit, onGoTo }: { bundle: Bundle; sections: ReviewSection[]; onEdit: (step: number) => void; onGoTo: (f: Finding) => void }) {
  const [tab, setTab] = useState('summary');
  const options = useMemo(() => validateBundleQueryOptions(bundle), [bundle]);
  const dryRun = useQuery(options);
  return (
    <section className="card" aria-labelledby="step-review-title">
      <h2 id="step-review-title">Review and create</h2>
      <div className="dry-run">
        {dryRun.isPending ? <Loading label="Running the dry run" lines={2} /> : null}
        {dryRun.isError ? <ErrorMessage error={dryRun.error} title="The dry run failed" /> : null}
        {dryRun.data ? <FindingsPanel findings={dryRun.data.findings} onGoTo={onGoTo} /> : null}
      </div>
      <Tabs tabs={tabs} current={tab} onChange={setTab} label="Review views">
        {tab === 'summary' ? <ReviewSummary sections={sections} onEdit={onEdit} /> : null}
        {tab === 'json' ? <ResourceJsonList bundle={bundle} /> : null}
        {tab === 'envoy' ? (
          dryRun.data ? <EnvoyConfigPanel meshName={bundle.mesh.meshName} envoy={dryRun.data.envoy} /> : <Loading label="Compiling Envoy config" lines={6} />
        ) : null}
      </Tabs>
    </section>
  );
}
