import type { ApiError } from '../../../lib/api-client';
import type { CreatedResource } from '../api/bundles';
import { kindLabels, type CliInputFile } from '../lib/cli-input-files';

type Phase = 'creating' | 'created' | 'failed';

/** One line per resource: creating, created (with its ARN), or why the whole create was refused. */
export function CreateProgress({ files, phase, created, error }: { files: CliInputFile[]; phase: Phase; created: CreatedResource[]; error?: ApiError | undefined }) {
  return (
    <ol className="progress-list" aria-label="Create progress">
      {files.map((f) => {
        const done = created.find((c) => c.kind === f.kind && c.name === f.name);
        const culprit = error?.resource && error.resource.kind === f.kind && error.resource.name === f.name;
        const state = phase === 'creating' ? 'Creating…' : done ? 'Created' : culprit ? 'Refused' : phase === 'failed' ? 'Not created' : 'Created';
        return (
          <li key={`${f.kind}/${f.name}`} className={`progress-${state === 'Creating…' ? 'pending' : state === 'Created' ? 'done' : 'failed'}`}>
            <span className="progress-state">{state}</span> {kindLabels[f.kind]} <strong>{f.name}</strong>
            {done ? <code className="arn">{done.arn}</code> : null}
          </li>
        );
      })}
    </ol>
  );
}
