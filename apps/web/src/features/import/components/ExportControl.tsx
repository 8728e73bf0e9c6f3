import { useId, useState } from 'react';
import { ApiError } from '../../../lib/api-client';
import { downloadText } from '../../../lib/download';
import { fetchServerBundle } from '../api/server-bundle';
import type { ExportFormat } from '../lib/export-files';
import { SelectOptions } from '../../../components/SelectOptions';

const formats: { value: ExportFormat; label: string }[] = [
  { value: 'bundle', label: 'Bundle' },
  { value: 'cloudformation', label: 'CloudFormation' },
  { value: 'kubernetes', label: 'Kubernetes' },
  { value: 'cli', label: 'AWS CLI inputs' },
];

/** Downloads the mesh, as the server holds it now, in the chosen format (written by the model's exporters). */
export function ExportControl({ mesh }: { mesh: string }) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('bundle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onExport = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const server = await fetchServerBundle(mesh);
      if (!server) throw new ApiError(404, 'NotFoundException', `The mesh ${mesh} does not exist.`);
      // The exporters (and the YAML writer) load on the first export, not with every mesh page.
      const { exportFile } = await import('../lib/export-files');
      const file = exportFile(server.bundle, mesh, format);
      downloadText(file.filename, file.text, file.type);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-control">
      <label htmlFor={`${id}-format`}>Export format</label>{' '}
      <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)}>
        <SelectOptions options={formats} />
      </select>{' '}
      <button type="button" className="button" onClick={() => void onExport()} disabled={busy}>
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {error ? (
        <p role="alert" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
