// A node's redirection exclusions, stored as its meshwright.io/exclude-* tags (README: per-node
// exclusions). The model reads and checks them (exclusionsFromTags); saving tags and untags the node.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { EXCLUSION_TAGS, exclusionTags, exclusionsFromTags } from '@meshwright/model';
import { ErrorMessage } from '../../../components/states';
import { apiRequest } from '../../../lib/api-client';

type TagKey = keyof typeof EXCLUSION_TAGS;
const LABELS: Record<TagKey, string> = {
  'meshwright.io/exclude-outbound-ports': 'Outbound ports that bypass Envoy',
  'meshwright.io/exclude-inbound-ports': 'Inbound app ports not redirected',
  'meshwright.io/exclude-outbound-cidrs': 'Outbound IPs or CIDRs that bypass Envoy',
  'meshwright.io/exclude-uids': 'UIDs that bypass Envoy',
  'meshwright.io/exclude-gids': 'GIDs that bypass Envoy',
};
const KEYS = Object.keys(EXCLUSION_TAGS) as TagKey[];

export function ExclusionsForm({ arn, tags, queryKey }: { arn: string; tags: { key: string; value?: string }[]; queryKey: readonly unknown[] }) {
  const stored = (k: TagKey) => tags.find((t) => t.key === k)?.value ?? '';
  const [values, setValues] = useState<Record<TagKey, string>>(() => Object.fromEntries(KEYS.map((k) => [k, stored(k)])) as Record<TagKey, string>);
  const [errors, setErrors] = useState<string[]>([]);
  const client = useQueryClient();
  const save = useMutation({
    mutationFn: async () => {
      const { exclusions, errors: found } = exclusionsFromTags(KEYS.map((key) => ({ key, value: values[key] })));
      setErrors(found);
      if (found.length > 0) return false;
      const keep = exclusionTags(exclusions);
      const drop = KEYS.filter((k) => !keep.some((t) => t.key === k) && stored(k) !== '');
      const q = `resourceArn=${encodeURIComponent(arn)}`;
      if (keep.length > 0) await apiRequest(`/v20190125/tag?${q}`, { method: 'PUT', body: { tags: keep } });
      if (drop.length > 0) await apiRequest(`/v20190125/untag?${q}`, { method: 'PUT', body: { tagKeys: drop } });
      await client.invalidateQueries({ queryKey });
      return true;
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-label="Redirection exclusions">
      <p className="note">Comma-separated; stored on the node as its <code>meshwright.io/exclude-*</code> tags, which <code>meshwright deploy</code> reads too.</p>
      <div className="field-row">
        {KEYS.map((k) => (
          <div className="field" key={k}>
            <label htmlFor={`exclusion-${k}`}>{LABELS[k]}</label>
            <input id={`exclusion-${k}`} value={values[k]} onChange={(e) => setValues({ ...values, [k]: e.target.value })} />
          </div>
        ))}
      </div>
      {errors.map((m) => <p key={m} role="alert" className="error">{m}</p>)}
      {save.isError ? <ErrorMessage error={save.error} /> : null}
      <button type="submit" className="button secondary small" disabled={save.isPending}>Save exclusions</button>
      {save.data === true ? <span role="status" className="muted"> Saved</span> : null}
    </form>
  );
}
