import { useFieldArray, useFormContext } from 'react-hook-form';
import { defaultNode, type WizardValues } from '../lib/form-values';
import { VirtualNodeFields } from './fields';

export function StepNodes() {
  const { control } = useFormContext<WizardValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'nodes' });
  return (
    <section className="card" aria-labelledby="step-nodes-title">
      <h2 id="step-nodes-title">Virtual nodes</h2>
      <p className="lead">A virtual node stands for one deployment of your service, such as a version. Its Envoy proxy gets its configuration from meshwright.</p>
      {fields.map((f, i) => (
        <fieldset className="group" key={f.id}>
          <legend>Virtual node {i + 1}</legend>
          <VirtualNodeFields prefix={`nodes.${i}`} />
          {fields.length > 1 ? (
            <button type="button" className="button-link danger" onClick={() => remove(i)}>
              Remove virtual node {i + 1}
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="button secondary" onClick={() => append(defaultNode(fields.length))}>
        Add another virtual node
      </button>
    </section>
  );
}
