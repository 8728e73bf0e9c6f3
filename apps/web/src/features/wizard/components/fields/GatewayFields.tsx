import { useFieldArray, useFormContext } from 'react-hook-form';
import { NumberField, SelectField, TextField } from '../../../../components/fields';
import { gatewayProtocolOptions } from './GatewayRouteFields';

/** A virtual gateway's name, listeners (port and protocol, one at least) and access log, under `prefix`. */
export function GatewayFields({ prefix, nameReadOnly = false }: { prefix: string; nameReadOnly?: boolean }) {
  const { control, getValues } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: `${prefix}.listeners` });
  const nextPort = () => {
    const ports: unknown = getValues(`${prefix}.listeners`);
    const used = Array.isArray(ports) ? ports.map((l: { port?: unknown }) => (typeof l.port === 'number' ? l.port : 0)) : [];
    return Math.max(8079, ...used.filter((p) => !Number.isNaN(p))) + 1;
  };
  return (
    <>
      {nameReadOnly ? null : <TextField name={`${prefix}.name`} label="Virtual gateway name" />}
      {fields.map((f, i) => (
        <div className="field-row with-action" key={f.id}>
          <NumberField name={`${prefix}.listeners.${i}.port`} label={fields.length > 1 ? `Gateway listener ${i + 1} port` : 'Gateway listener port'} />
          <SelectField name={`${prefix}.listeners.${i}.protocol`} label={fields.length > 1 ? `Gateway listener ${i + 1} protocol` : 'Gateway listener protocol'} options={gatewayProtocolOptions} />
          {fields.length > 1 ? (
            <button type="button" className="button-link danger" onClick={() => remove(i)} aria-label={`Remove gateway listener ${i + 1}`}>
              Remove
            </button>
          ) : null}
        </div>
      ))}
      <button type="button" className="button secondary small" onClick={() => append({ port: nextPort(), protocol: 'http' })}>
        Add gateway listener
      </button>
      <TextField name={`${prefix}.logPath`} label="Gateway access log path" hint="Empty for no access log; /dev/stdout or a file under the allowed roots." />
    </>
  );
}
