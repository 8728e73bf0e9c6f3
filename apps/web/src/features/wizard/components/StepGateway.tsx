import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { CheckboxField, NumberField, SelectField, TextField } from '../../../components/fields';
import { defaultGatewayRoute } from '../lib/gateway-values';
import type { WizardValues } from '../lib/form-values';
import { GatewayRouteFields, gatewayProtocolOptions } from './fields/GatewayRouteFields';

/** Optional step: a virtual gateway in front of the mesh, with routes that reach the new virtual service. */
export function StepGateway() {
  const { control } = useFormContext<WizardValues>();
  const useGateway = useWatch({ control, name: 'useGateway' });
  const service = useWatch({ control, name: 'virtualServiceName' }).trim();
  const { fields, append, remove } = useFieldArray({ control, name: 'gateway.routes' });
  return (
    <section className="card" aria-labelledby="step-gateway-title">
      <h2 id="step-gateway-title">Ingress gateway</h2>
      <p className="lead">
        Optional. A virtual gateway is a standalone Envoy at the edge of the mesh: clients outside the mesh call it, and its gateway routes send their requests to{' '}
        <strong>{service || 'the virtual service'}</strong>. By default a route sets the Host to the service&apos;s name and replaces the matched prefix with <code>/</code>.
      </p>
      <CheckboxField name="useGateway" label="Add an ingress gateway" />
      {useGateway ? (
        <>
          <fieldset className="group">
            <legend>Virtual gateway</legend>
            <div className="field-row">
              <TextField name="gateway.name" label="Virtual gateway name" />
              <NumberField name="gateway.port" label="Gateway listener port" />
              <SelectField name="gateway.protocol" label="Gateway listener protocol" options={gatewayProtocolOptions} />
            </div>
          </fieldset>
          {fields.map((f, i) => (
            <fieldset className="group" key={f.id}>
              <legend>Gateway route {i + 1}</legend>
              <GatewayRouteFields prefix={`gateway.routes.${i}`} />
              {fields.length > 1 ? (
                <button type="button" className="button-link danger" onClick={() => remove(i)} aria-label={`Remove gateway route ${i + 1}`}>
                  Remove gateway route
                </button>
              ) : null}
            </fieldset>
          ))}
          <button type="button" className="button secondary small" onClick={() => append(defaultGatewayRoute())}>
            Add gateway route
          </button>
        </>
      ) : null}
    </section>
  );
}
