import type { ReactNode } from 'react';
import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { CheckboxField, NumberField, SelectField, TextField, protocolOptions } from '../../../../components/fields';

const discoveryOptions = [
  { value: 'dns', label: 'DNS' },
  { value: 'cloudMap', label: 'Cloud Map' },
  { value: 'none', label: 'None' },
] as const;

/**
 * The fields of one virtual node (wizard step 2 and the node edit page), under `prefix`. The edit page
 * passes `listeners` because an existing node can have several; the wizard makes one, at `prefix`.
 */
export function VirtualNodeFields({ prefix, nameReadOnly = false, listeners }: { prefix: string; nameReadOnly?: boolean; listeners?: ReactNode }) {
  const { control } = useFormContext();
  const discovery: unknown = useWatch({ control, name: `${prefix}.discovery` });
  return (
    <>
      {nameReadOnly ? null : <TextField name={`${prefix}.name`} label="Virtual node name" placeholder="reviews-v1" />}
      <div className="field-row">
        <SelectField name={`${prefix}.discovery`} label="Service discovery method" options={discoveryOptions} />
        {discovery === 'dns' ? <TextField name={`${prefix}.dnsHostname`} label="DNS hostname" placeholder="reviews.shop.svc.cluster.local" /> : null}
        {discovery === 'cloudMap' ? (
          <>
            <TextField name={`${prefix}.cloudMapNamespace`} label="Cloud Map namespace" />
            <TextField name={`${prefix}.cloudMapService`} label="Cloud Map service" />
          </>
        ) : null}
      </div>
      {discovery === 'none' ? (
        <p className="note">Without service discovery the node has no listener: it only sends traffic to its backends.</p>
      ) : (
        (listeners ?? <ListenerFields prefix={prefix} />)
      )}
      <BackendsFields prefix={`${prefix}.backends`} />
      <TextField name={`${prefix}.logPath`} label="Log path" placeholder="/dev/stdout" hint="Where the proxy writes its access log; empty for none." />
    </>
  );
}

/** One listener's port, protocol and health check, under `prefix`. */
export function ListenerFields({ prefix }: { prefix: string }) {
  return (
    <>
      <div className="field-row">
        <NumberField name={`${prefix}.port`} label="Listener port" />
        <SelectField name={`${prefix}.protocol`} label="Listener protocol" options={protocolOptions} />
      </div>
      <HealthCheckFields prefix={`${prefix}.healthCheck`} />
    </>
  );
}

function HealthCheckFields({ prefix }: { prefix: string }) {
  const { control } = useFormContext();
  const enabled: unknown = useWatch({ control, name: `${prefix}.enabled` });
  const protocol: unknown = useWatch({ control, name: `${prefix}.protocol` });
  return (
    <div className="subsection">
      <CheckboxField name={`${prefix}.enabled`} label="Health check enabled" />
      {enabled === true ? (
        <div className="field-grid">
          <SelectField name={`${prefix}.protocol`} label="Health check protocol" options={protocolOptions} />
          <NumberField name={`${prefix}.port`} label="Health check port" hint="Empty: the listener port." />
          {protocol === 'http' || protocol === 'http2' ? <TextField name={`${prefix}.path`} label="Path" /> : null}
          <NumberField name={`${prefix}.healthyThreshold`} label="Healthy threshold" />
          <NumberField name={`${prefix}.unhealthyThreshold`} label="Unhealthy threshold" />
          <NumberField name={`${prefix}.intervalMillis`} label="Interval (ms)" />
          <NumberField name={`${prefix}.timeoutMillis`} label="Timeout (ms)" />
        </div>
      ) : null}
    </div>
  );
}

function BackendsFields({ prefix }: { prefix: string }) {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: prefix });
  return (
    <div className="subsection">
      <h4 className="subsection-title">Backends</h4>
      {fields.length === 0 ? <p className="note">No backends: this node calls no virtual service.</p> : null}
      {fields.map((f, i) => (
        <div className="field-row with-action" key={f.id}>
          <TextField name={`${prefix}.${i}.name`} label="Backend virtual service name" placeholder="ratings.shop.local" />
          <button type="button" className="button-link danger" onClick={() => remove(i)} aria-label={`Remove backend ${i + 1}`}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button secondary small" onClick={() => append({ name: '' })}>
        Add backend
      </button>
    </div>
  );
}
