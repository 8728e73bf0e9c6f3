import { useFormContext, useWatch } from 'react-hook-form';
import { httpMethods } from '@meshwright/model';
import { CheckboxField, NumberField, SelectField, TextField } from '../../../../components/fields';

// The fields of one gateway route (the wizard's "Ingress gateway" step and the gateway route pages), under
// `prefix`. The rewrite options say what App Mesh does by default, since that surprised its users.

export const gatewayProtocolOptions = [
  { value: 'http', label: 'HTTP' },
  { value: 'http2', label: 'HTTP/2' },
  { value: 'grpc', label: 'gRPC' },
] as const;
const methodOptions = [{ value: '', label: 'Any' }, ...httpMethods.map((m) => ({ value: m, label: m }))];
const matchOptions = [
  { value: 'prefix', label: 'Path prefix' },
  { value: 'exact', label: 'Exact path' },
  { value: 'regex', label: 'Path regex' },
];
const hostnameOptions = [
  { value: 'any', label: 'Any host' },
  { value: 'exact', label: 'Exactly' },
  { value: 'suffix', label: 'Ending with' },
];
const prefixRewriteOptions = [
  { value: 'default', label: 'Replace the matched prefix with / (default)' },
  { value: 'keep', label: 'Keep the path as it is' },
  { value: 'value', label: 'Replace the matched prefix with…' },
];

/** `serviceNames` lists the targets to choose from; without it (the wizard) the target is the new service. */
export function GatewayRouteFields({ prefix, index, serviceNames, nameReadOnly = false }: { prefix: string; index?: number; serviceNames?: string[]; nameReadOnly?: boolean }) {
  const { control } = useFormContext();
  const n = index === undefined ? '' : ` ${index + 1}`;
  const type: unknown = useWatch({ control, name: `${prefix}.type` });
  const matchType: unknown = useWatch({ control, name: `${prefix}.matchType` });
  const hostnameType: unknown = useWatch({ control, name: `${prefix}.hostnameType` });
  const prefixRewrite: unknown = useWatch({ control, name: `${prefix}.prefixRewrite` });
  const isHttp = type !== 'grpc';
  return (
    <>
      <div className="field-row">
        {nameReadOnly ? null : <TextField name={`${prefix}.name`} label={`Gateway route${n} name`} />}
        <SelectField name={`${prefix}.type`} label={`Gateway route${n} type`} options={gatewayProtocolOptions} />
        <NumberField name={`${prefix}.priority`} label={`Gateway route${n} priority`} hint="0-1000, lower first; empty for none." />
      </div>
      <div className="subsection">
        <h4 className="subsection-title">Match</h4>
        <div className="field-row">
          {isHttp ? (
            <>
              <SelectField name={`${prefix}.matchType`} label={`Path match${n}`} options={matchOptions} />
              <TextField name={`${prefix}.path`} label={matchType === 'exact' ? `Exact path${n}` : matchType === 'regex' ? `Path regex${n}` : `Path prefix${n}`} />
              <SelectField name={`${prefix}.method`} label={`Method${n}`} options={methodOptions} />
            </>
          ) : (
            <TextField name={`${prefix}.serviceName`} label={`gRPC service name${n}`} hint="Fully qualified, such as shop.Cart; empty for any." />
          )}
        </div>
        <div className="field-row">
          <SelectField name={`${prefix}.hostnameType`} label={`Host${n}`} options={hostnameOptions} />
          {hostnameType === 'exact' || hostnameType === 'suffix' ? <TextField name={`${prefix}.hostname`} label={`Host name${n}`} /> : null}
          <NumberField name={`${prefix}.port`} label={`Match listener port${n}`} hint="The gateway listener this route belongs to; needed when the gateway has several, empty for any." />
        </div>
      </div>
      <div className="subsection">
        <h4 className="subsection-title">Target and rewrites</h4>
        <div className="field-row">
          {serviceNames ? <SelectField name={`${prefix}.target`} label={`Target virtual service${n}`} options={[{ value: '', label: 'Choose…' }, ...serviceNames.map((s) => ({ value: s, label: s }))]} /> : null}
          <NumberField name={`${prefix}.targetPort`} label={`Target port${n}`} hint="Needed when the service listens on several ports." />
        </div>
        <CheckboxField name={`${prefix}.rewriteHost`} label={`Rewrite the Host to the target service's name${n ? ` (route${n})` : ''}`} hint="App Mesh's default. Unchecked, the service sees the client's Host." />
        {isHttp && matchType === 'prefix' ? (
          <div className="field-row">
            <SelectField name={`${prefix}.prefixRewrite`} label={`Prefix rewrite${n}`} options={prefixRewriteOptions} />
            {prefixRewrite === 'value' ? <TextField name={`${prefix}.prefixValue`} label={`New prefix${n}`} /> : null}
          </div>
        ) : null}
        {isHttp && matchType !== 'prefix' ? <TextField name={`${prefix}.pathRewrite`} label={`Rewrite the path to${n}`} hint="Empty: the service sees the path as requested." /> : null}
      </div>
    </>
  );
}
