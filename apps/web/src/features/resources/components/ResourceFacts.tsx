import { CopyButton } from '../../../components/CopyButton';
import type { ResourceMetadata } from '../api/appmesh';

const time = (epochSeconds: number) => (Number.isFinite(epochSeconds) ? new Date(epochSeconds * 1000).toISOString().replace('.000Z', 'Z') : '—');

/** Metadata and the raw App Mesh JSON of a described resource. */
export function ResourceFacts({ title, data, metadata, status }: { title: string; data: unknown; metadata: ResourceMetadata; status: string }) {
  const json = JSON.stringify(data, null, 2);
  return (
    <>
      <section className="card" aria-labelledby="metadata-title">
        <h3 id="metadata-title">Metadata</h3>
        <dl className="facts">
          <div>
            <dt>Status</dt>
            <dd>
              <span className="badge ok">{status}</span>
            </dd>
          </div>
          <div>
            <dt>ARN</dt>
            <dd>
              <code className="arn">{metadata.arn}</code>
            </dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>{metadata.version}</dd>
          </div>
          <div>
            <dt>Created</dt>
            <dd>{time(metadata.createdAt)}</dd>
          </div>
          <div>
            <dt>Last updated</dt>
            <dd>{time(metadata.lastUpdatedAt)}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="json-title">
        <header className="json-item-header">
          <h3 id="json-title">JSON</h3>
          <CopyButton text={json} label={`Copy JSON of ${title}`} />
        </header>
        <pre className="code" tabIndex={0} aria-label={`JSON of ${title}`}>
          {json}
        </pre>
      </section>
    </>
  );
}
