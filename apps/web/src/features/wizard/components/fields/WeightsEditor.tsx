import { useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { GroupError, NumberField, SelectField } from '../../../../components/fields';
import { evenWeights, sharesOf } from '../../lib/weights';

/** Route targets as rows of node and weight, with each target's share of traffic as a bar. */
export function WeightsEditor({ prefix, nodeNames }: { prefix: string; nodeNames: string[] }) {
  const { control, setValue } = useFormContext();
  const { fields, append, remove } = useFieldArray({ control, name: prefix });
  const targets: unknown = useWatch({ control, name: prefix });
  const rows = Array.isArray(targets) ? (targets as { node?: unknown; weight?: unknown }[]) : [];
  const shares = sharesOf(rows.map((t) => (typeof t.weight === 'number' ? t.weight : Number.NaN)));
  const distribute = () => evenWeights(fields.length).forEach((w, i) => setValue(`${prefix}.${i}.weight`, w, { shouldValidate: true, shouldDirty: true }));
  return (
    <div className="subsection">
      <h4 className="subsection-title">Targets</h4>
      {fields.map((f, i) => {
        const current = rows[i]?.node;
        // A target naming a node that no longer exists keeps its value visible, so the error makes sense.
        const names = typeof current === 'string' && current !== '' && !nodeNames.includes(current) ? [...nodeNames, current] : nodeNames;
        const options = [{ value: '', label: 'Choose a node' }, ...names.map((n) => ({ value: n, label: n }))];
        const share = shares[i] ?? 0;
        return (
          <fieldset className="inline-group target-row" key={f.id}>
            <legend>Target {i + 1}</legend>
            <div className="field-row with-action">
              <SelectField name={`${prefix}.${i}.node`} label="Target virtual node" options={options} />
              <NumberField name={`${prefix}.${i}.weight`} label="Weight" />
              <div className="share">
                <span className="share-value">{share}% of traffic</span>
                <span className="share-bar" aria-hidden="true">
                  <span className="share-fill" style={{ width: `${share}%` }} />
                </span>
              </div>
              <button type="button" className="button-link danger" onClick={() => remove(i)} disabled={fields.length <= 1} aria-label={`Remove target ${i + 1}`}>
                Remove
              </button>
            </div>
          </fieldset>
        );
      })}
      <GroupError name={prefix} />
      <div className="button-row">
        <button type="button" className="button secondary small" onClick={() => append({ node: '', weight: 0 })} disabled={fields.length >= 10}>
          Add target
        </button>
        <button type="button" className="button secondary small" onClick={distribute}>
          Distribute evenly
        </button>
      </div>
    </div>
  );
}
