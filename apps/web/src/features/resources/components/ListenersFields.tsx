import { useFieldArray, useFormContext } from 'react-hook-form';
import { ListenerFields } from '../../wizard/components/fields';
import { newListener, type NodeEditValues } from '../lib/node-edit-values';

/** Every listener of the node being edited, each with the wizard's listener fields; one at least. */
export function ListenersFields() {
  const { control, getValues } = useFormContext<NodeEditValues>();
  const { fields, append, remove } = useFieldArray({ control, name: 'listeners' });
  return (
    <div className="subsection">
      {fields.map((f, i) => (
        <fieldset className="group" key={f.id}>
          <legend>Listener {i + 1}</legend>
          <ListenerFields prefix={`listeners.${i}`} />
          {/* A node with service discovery needs a listener, so the last one stays. */}
          {fields.length > 1 ? (
            <button type="button" className="button-link danger" onClick={() => remove(i)} aria-label={`Remove listener ${i + 1}`}>
              Remove listener
            </button>
          ) : null}
        </fieldset>
      ))}
      <button type="button" className="button secondary small" onClick={() => append(newListener(getValues('listeners')))}>
        Add listener
      </button>
    </div>
  );
}
