import type { Bundle } from '@meshwright/model';
import { CopyButton } from '../../../components/CopyButton';
import { downloadText } from '../../../lib/download';
import { bundleFilename, cliInputFiles, cliScript, kindLabels } from '../lib/cli-input-files';

/** Each resource's App Mesh JSON with copy and download, plus the whole bundle and a create script. */
export function ResourceJsonList({ bundle }: { bundle: Bundle }) {
  const files = cliInputFiles(bundle);
  const bundleText = JSON.stringify(bundle, null, 2);
  return (
    <div className="json-list">
      <div className="button-row">
        <button type="button" className="button secondary" onClick={() => downloadText(bundleFilename(bundle), bundleText + '\n')}>
          Download bundle
        </button>
        <button type="button" className="button secondary" onClick={() => files.forEach((f) => downloadText(f.filename, JSON.stringify(f.document, null, 2) + '\n'))}>
          Download CLI-input files
        </button>
        <button type="button" className="button secondary" onClick={() => downloadText(`${bundle.mesh.meshName}.create.sh`, cliScript(files), 'text/x-shellscript')}>
          Download create script
        </button>
      </div>
      {files.map((f) => {
        const text = JSON.stringify(f.document, null, 2);
        const title = `${kindLabels[f.kind] ?? f.kind} ${f.name}`;
        return (
          <section key={f.filename} className="json-item" aria-label={title}>
            <header className="json-item-header">
              <h4>{title}</h4>
              <div className="button-row">
                <CopyButton text={text} label={`Copy JSON of ${title}`} />
                <button type="button" className="button secondary small" onClick={() => downloadText(f.filename, text + '\n')} aria-label={`Download ${f.filename}`}>
                  Download
                </button>
              </div>
            </header>
            <pre className="code" tabIndex={0}>
              {text}
            </pre>
            <p className="note">
              <code>{f.command}</code>
            </p>
          </section>
        );
      })}
    </div>
  );
}
