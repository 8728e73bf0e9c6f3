// Per-node redirection exclusions, stored on the virtual node as tags (App Mesh's own spec has no place
// for them and meshwright adds no spec member): `meshwright.io/exclude-*` keys, comma-separated values.
// `meshwright deploy` and the console's Deploy tab read them; CLI flags add to them.
import { deployOptionsSchema, type DeployOptionsInput } from './options';

export const EXCLUSION_TAGS = {
  'meshwright.io/exclude-outbound-ports': 'excludePorts',
  'meshwright.io/exclude-inbound-ports': 'excludeInboundPorts',
  'meshwright.io/exclude-outbound-cidrs': 'excludeIps',
  'meshwright.io/exclude-uids': 'ignoreUids',
  'meshwright.io/exclude-gids': 'ignoreGids',
} as const;
type ExclusionField = (typeof EXCLUSION_TAGS)[keyof typeof EXCLUSION_TAGS];
export type Exclusions = Partial<Pick<DeployOptionsInput, ExclusionField>>;

const NUMERIC = new Set<ExclusionField>(['excludePorts', 'excludeInboundPorts', 'ignoreUids', 'ignoreGids']);
const keyOf = (field: string) => Object.entries(EXCLUSION_TAGS).find(([, f]) => f === field)?.[0] ?? field;

export interface ExclusionsResult {
  exclusions: Exclusions;
  /** One message per bad tag, naming the tag key and the value. */
  errors: string[];
}

/** Reads the exclusion tags of a node; other tags are ignored. */
export function exclusionsFromTags(tags: readonly { key: string; value?: string }[]): ExclusionsResult {
  const input: Record<string, (string | number)[]> = {};
  for (const { key, value } of tags) {
    const field = (EXCLUSION_TAGS as Record<string, ExclusionField | undefined>)[key];
    if (!field) continue;
    const items = (value ?? '').split(',').map((v) => v.trim()).filter((v) => v !== '');
    input[field] = NUMERIC.has(field) ? items.map((v) => (/^\d+$/.test(v) ? Number(v) : Number.NaN)) : items;
  }
  const parsed = deployOptionsSchema.partial().safeParse(input);
  if (parsed.success) return { exclusions: input as Exclusions, errors: [] };
  const errors = parsed.error.issues.map((i) => {
    const field = String(i.path[0] ?? '');
    const raw = tags.find((t) => t.key === keyOf(field))?.value ?? '';
    return `tag ${keyOf(field)} ${i.message}: "${raw}"`;
  });
  return { exclusions: {}, errors };
}

/** The tags that store `exclusions`, for the console to write (empty lists drop their tag). */
export function exclusionTags(exclusions: Exclusions): { key: string; value: string }[] {
  return Object.entries(EXCLUSION_TAGS).flatMap(([key, field]) => {
    const list = exclusions[field] ?? [];
    return list.length > 0 ? [{ key, value: list.join(',') }] : [];
  });
}
