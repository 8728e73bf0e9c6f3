import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { httpMethods } from '@meshwright/model';
import { CheckboxField, NumberField, SelectField, TextField, protocolOptions } from '../../../../components/fields';
import { defaultHeader, headerMatchTypes } from '../../lib/form-values';
import { WeightsEditor } from './WeightsEditor';

const methodOptions = [{ value: '', label: 'Any' }, ...httpMethods.map((m) => ({ value: m, label: m }))];
const matchTypeOptions = headerMatchTypes.map((t) => ({ value: t, label: t === 'present' ? 'is present' : t }));

/** The fields of one route (wizard step 3 and the route edit page), under `prefix`. HTTP routes match on
 * prefix, method and headers, gRPC routes on service and method, TCP routes on nothing (as in App Mesh). */
export function RouteFields({ prefix, nodeNames, nameReadOnly = false }: { prefix: string; nodeNames: string[]; nameReadOnly?: boolean }) {
  const { control } = useFormContext();
  const type: unknown = useWatch({ control, name: `${prefix}.type` });
  const isHttp = type === 'http' || type === 'http2';
  return (
    <>
      <div className="field-row">
        {nameReadOnly ? null : <TextField name={`${prefix}.name`} label="Route name" />}
        <SelectField name={`${prefix}.type`} label="Route type" options={protocolOptions} />
        <NumberField name={`${prefix}.priority`} label="Priority" hint="0-1000, lower first; empty for none." />
      </div>
      {isHttp ? (
        <div className="subsection">
          <h4 className="subsection-title">Match</h4>
          <div className="field-row">
            <TextField name={`${prefix}.prefix`} label="Prefix" />
            <SelectField name={`${prefix}.method`} label="Method" options={methodOptions} />
          </div>
          <HeadersFields prefix={`${prefix}.headers`} />
        </div>
      ) : type === 'grpc' ? (
        <div className="subsection">
          <h4 className="subsection-title">Match</h4>
          <div className="field-row">
            <TextField name={`${prefix}.serviceName`} label="Service name" hint="Fully qualified, such as shop.Cart; empty for any." />
            <TextField name={`${prefix}.methodName`} label="Method name" hint="Needs a service name; empty for any." />
          </div>
        </div>
      ) : null}
      <WeightsEditor prefix={`${prefix}.targets`} nodeNames={nodeNames} />
    </>
  );
}

function HeadersFields({ prefix }: { prefix: string }) {
  const { control } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: prefix });
  return (
    <div>
      {fields.map((f, i) => (
        <fieldset className="inline-group" key={f.id}>
          <legend>Header {i + 1}</legend>
          <div className="field-row with-action">
            <TextField name={`${prefix}.${i}.name`} label="Header name" />
            <SelectField name={`${prefix}.${i}.matchType`} label="Match type" options={matchTypeOptions} />
            <TextField name={`${prefix}.${i}.value`} label="Header value" />
            <CheckboxField name={`${prefix}.${i}.invert`} label="Invert" />
            <button type="button" className="button-link danger" onClick={() => remove(i)} aria-label={`Remove header ${i + 1}`}>
              Remove
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" className="button secondary small" onClick={() => append(defaultHeader())}>
        Add header
      </button>
    </div>
  );
}
