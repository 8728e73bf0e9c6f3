import { useMemo, useState } from 'react';
import { validateBundle, type Bundle, type SourceText } from '@meshwright/model';
import { downloadText } from '../../../lib/download';
import { useCreateBundle, type CreatedResource } from '../../review/api/bundles';
import { CreateRefused } from '../../review/components/CreateRefused';
import { CreatedStatus } from '../../review/components/CreatedStatus';
import { FindingsPanel } from '../../review/components/FindingsPanel';
import { kindLabels } from '../../review/lib/cli-input-files';
import { resourcesByKind, runImport, type ImportForm as FormValues, type ImportOutcome } from '../lib/run-import';
import { DiffTable } from './DiffTable';
import { ImportForm } from './ImportForm';
import { ReportTable } from './ReportTable';

/** Import: CloudFormation, Kubernetes or AWS CLI documents read in the browser by the model, then created at once. */
export function ImportPage() {
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [created, setCreated] = useState<{ meshName: string; created: CreatedResource[] }>();
  const create = useCreateBundle();
  const onRead = (texts: SourceText[], form: FormValues) => {
    create.reset();
    setCreated(undefined);
    setOutcome(runImport(texts, form));
  };
  if (created) return <CreatedStatus meshName={created.meshName} created={created.created} onStartOver={() => setCreated(undefined)} />;
  return (
    <div className="page">
      <h1>Import</h1>
      <p>Bring a mesh from CloudFormation templates, App Mesh controller manifests or AWS CLI input documents. Nothing is sent to the server until you create it.</p>
      <ImportForm onSubmit={onRead} />
      {outcome && !outcome.ok ? (
        <div className="alert error" role="alert">
          <p className="alert-title">The input could not be read</p>
          <p>{outcome.message}</p>
        </div>
      ) : null}
      {outcome?.ok ? <ImportResults key={JSON.stringify(outcome.result.bundle)} outcome={outcome} create={create} onCreated={setCreated} /> : null}
    </div>
  );
}

function ImportResults({
  outcome,
  create,
  onCreated,
}: {
  outcome: Extract<ImportOutcome, { ok: true }>;
  create: ReturnType<typeof useCreateBundle>;
  onCreated: (c: { meshName: string; created: CreatedResource[] }) => void;
}) {
  const { bundle, report } = outcome.result;
  const validation = useMemo(() => validateBundle(bundle), [bundle]);
  const kinds = resourcesByKind(bundle);
  const meshName = kinds.find((k) => k.kind === 'mesh')?.names[0] ?? '';
  const errors = validation.findings.filter((f) => f.severity === 'error').length;
  // The schema passed (validation.model is set), so the imported input is a bundle the API takes.
  const onCreate = () => create.mutate(bundle as unknown as Bundle, { onSuccess: (r) => onCreated({ meshName, created: r.created }) });
  return (
    <>
      <section className="card" aria-labelledby="found-title">
        <h2 id="found-title">Resources found ({outcome.format})</h2>
        <ul aria-label="Resources found">
          {kinds.map((k) => (
            <li key={k.kind}>
              <strong>{kindLabels[k.kind] ?? k.kind}</strong>: {k.names.join(', ')}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="report-title">
        <h2 id="report-title">Report</h2>
        <ReportTable report={report} />
      </section>
      <section className="card" aria-labelledby="findings-title">
        <h2 id="findings-title">Analysis</h2>
        <FindingsPanel findings={validation.findings} />
      </section>
      <section className="card" aria-labelledby="diff-title">
        <h2 id="diff-title">Difference with the server</h2>
        <DiffTable meshName={meshName} bundle={bundle} />
      </section>
      {create.error ? <CreateRefused error={create.error} /> : null}
      <div className="wizard-actions">
        <button type="button" className="button" onClick={() => downloadText(`${meshName || 'mesh'}.bundle.json`, `${JSON.stringify(bundle, null, 2)}\n`)}>
          Download bundle
        </button>
        <button type="button" className="button primary" disabled={create.isPending || errors > 0 || !validation.model} onClick={onCreate}>
          {create.isPending ? 'Creating…' : 'Create mesh'}
        </button>
      </div>
    </>
  );
}
