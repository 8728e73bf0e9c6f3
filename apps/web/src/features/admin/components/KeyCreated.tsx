import { useEffect, useRef } from 'react';
import { CopyButton } from '../../../components/CopyButton';
import type { CreatedKey } from '../api/admin-api';

/** The new key's secret, shown this once: meshwright keeps only its encrypted form. */
export function KeyCreated({ created: { key, secretAccessKey }, onDone }: { created: CreatedKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card" aria-labelledby="key-created-title">
      <h2 id="key-created-title" ref={heading} tabIndex={-1}>
        Key {key.name} created
      </h2>
      <div className="alert warning">
        <p>Copy the secret access key now. This is the only time it is shown; if it is lost, delete the key and create another.</p>
      </div>
      <dl className="facts">
        {[
          { label: 'Access key ID', value: key.accessKeyId },
          { label: 'Secret access key', value: secretAccessKey },
        ].map((row) => (
          <div key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              <span className="secret" aria-label={`New ${row.label.toLowerCase()}`}>
                {row.value}
              </span>{' '}
              <CopyButton text={row.value} label={`Copy ${row.label.toLowerCase()}`} />
            </dd>
          </div>
        ))}
        <div>
          <dt>Role</dt>
          <dd>{key.meshes.length > 0 ? `${key.role} of ${key.meshes.join(', ')}` : key.role}</dd>
        </div>
      </dl>
      <div className="button-row">
        <button type="button" className="button primary" onClick={onDone}>
          Done
        </button>
      </div>
    </section>
  );
}
