import { useId, useState, type FormEvent } from 'react';
import type { SourceText } from '@meshwright/model';
import type { FormatChoice, ImportForm as FormValues } from '../lib/run-import';
import { SelectOptions } from '../../../components/SelectOptions';

const formats: { value: FormatChoice; label: string }[] = [
  { value: 'auto', label: 'Auto-detect' },
  { value: 'cloudformation', label: 'CloudFormation' },
  { value: 'kubernetes', label: 'Kubernetes' },
  { value: 'cli', label: 'AWS CLI input or script' },
];

/** What to import: pasted text or uploaded files, the format, and the options the formats need. */
export function ImportForm({ onSubmit }: { onSubmit: (texts: SourceText[], form: FormValues) => void }) {
  const id = useId();
  const [text, setText] = useState('');
  const [files, setFiles] = useState<SourceText[]>([]);
  const [form, setForm] = useState<FormValues>({ format: 'auto', parameters: '', namespaceMesh: '', mesh: '' });
  const set = (patch: Partial<FormValues>) => setForm((f) => ({ ...f, ...patch }));

  const onFiles = async (list: FileList | null) => {
    const chosen = list ? [...list] : [];
    setFiles(await Promise.all(chosen.map(async (f) => ({ source: f.name, text: await f.text() }))));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Files win over the textarea: a pasted leftover must not join an upload.
    onSubmit(files.length ? files : [{ source: 'pasted text', text }], form);
  };

  return (
    <form className="card" onSubmit={submit} aria-label="Import input">
      <div className="field">
        <label htmlFor={`${id}-text`}>Paste a document</label>
        <textarea id={`${id}-text`} rows={12} value={text} onChange={(e) => setText(e.target.value)} spellCheck={false} className="code" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-files`}>Or upload files</label>
        <input id={`${id}-files`} type="file" multiple accept=".json,.yaml,.yml,.template,.sh" onChange={(e) => void onFiles(e.target.files)} />
        {files.length ? <p className="hint">{files.map((f) => f.source).join(', ')}</p> : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-format`}>Format</label>
        <select id={`${id}-format`} value={form.format} onChange={(e) => set({ format: e.target.value as FormatChoice })}>
          <SelectOptions options={formats} />
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-mesh`}>Mesh (when the input holds several)</label>
        <input id={`${id}-mesh`} type="text" value={form.mesh} onChange={(e) => set({ mesh: e.target.value })} placeholder="the input's mesh" />
      </div>
      {form.format === 'auto' || form.format === 'cloudformation' ? (
        <div className="field">
          <label htmlFor={`${id}-params`}>CloudFormation parameters (KEY=VALUE, one a line)</label>
          <textarea id={`${id}-params`} rows={3} value={form.parameters} onChange={(e) => set({ parameters: e.target.value })} className="code" placeholder="EnvironmentName=colors&#10;AWS::Region=us-west-2" />
        </div>
      ) : null}
      {form.format === 'auto' || form.format === 'kubernetes' ? (
        <div className="field">
          <label htmlFor={`${id}-ns`}>Kubernetes namespace to mesh (NAMESPACE=MESH, one a line)</label>
          <textarea id={`${id}-ns`} rows={2} value={form.namespaceMesh} onChange={(e) => set({ namespaceMesh: e.target.value })} className="code" />
        </div>
      ) : null}
      <button type="submit" className="button primary">
        Read input
      </button>
    </form>
  );
}
