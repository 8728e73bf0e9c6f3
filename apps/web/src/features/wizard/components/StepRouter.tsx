import { useFormContext, useWatch } from 'react-hook-form';
import { CheckboxField, NumberField, SelectField, TextField, protocolOptions } from '../../../components/fields';
import type { WizardValues } from '../lib/form-values';
import { RouteFields } from './fields';

export function StepRouter() {
  const { control, setValue } = useFormContext<WizardValues>();
  const useRouter = useWatch({ control, name: 'useRouter' });
  const nodes = useWatch({ control, name: 'nodes' });
  const nodeNames = nodes.map((n) => n.name.trim()).filter((n) => n !== '');
  return (
    <section className="card" aria-labelledby="step-router-title">
      <h2 id="step-router-title">Router and route</h2>
      <p className="lead">A virtual router spreads the service&apos;s traffic over the nodes; it becomes the virtual service&apos;s provider.</p>
      <CheckboxField name="useRouter" label="Use a virtual router" hint="Without a router, the first virtual node provides the service." />
      {useRouter ? (
        <>
          <fieldset className="group">
            <legend>Virtual router</legend>
            <div className="field-row">
              <TextField name="router.name" label="Virtual router name" />
              <NumberField name="router.port" label="Router listener port" />
              <SelectField
                name="router.protocol"
                label="Router listener protocol"
                options={protocolOptions}
                onChange={(v) => setValue('route.type', v === 'http2' || v === 'grpc' || v === 'tcp' ? v : 'http', { shouldDirty: true })}
              />
            </div>
          </fieldset>
          <fieldset className="group">
            <legend>Route</legend>
            <RouteFields prefix="route" nodeNames={nodeNames} />
          </fieldset>
        </>
      ) : null}
      <CheckboxField name="useGateway" label="Add an ingress gateway" hint="Lets clients outside the mesh reach the service; the next step sets it up." />
    </section>
  );
}
