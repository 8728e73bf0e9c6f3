// What creating an imported bundle would change on a mesh that already exists: per resource,
// added, changed (with the JSON paths that differ), unchanged, or only on the server.
import { bundleItems, itemName, type ResourceKind } from '@meshwright/model';

export type DiffState = 'added' | 'changed' | 'unchanged' | 'server-only';

export interface ResourceDiff {
  kind: ResourceKind;
  /** Routes: `router/route`, gateway routes `gateway/route`, so two parents' children of one name stay apart. */
  name: string;
  state: DiffState;
  /** JSON paths (from the resource: `spec.listeners[0].portMapping.port`) that differ; only for `changed`. */
  paths: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The comparable part of each resource (spec and tags), keyed by `kind:name`. */
function index(bundle: Record<string, unknown>): Map<string, { kind: ResourceDiff['kind']; name: string; body: Record<string, unknown> }> {
  const entries = bundleItems(bundle).items.map((item) => {
    const name = itemName(item);
    return [`${item.kind}:${name}`, { kind: item.kind, name, body: { spec: item.spec ?? {}, tags: item.tags ?? [] } }] as const;
  });
  return new Map(entries);
}

/** Paths where two JSON values differ; an empty object, array or absent value count as the same (the API omits empties). */
export function differingPaths(a: unknown, b: unknown, path = ''): string[] {
  const empty = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isRecord(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    return Array.from({ length: n }, (_, i) => differingPaths(a[i], b[i], `${path}[${i}]`)).flat();
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differingPaths(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return Object.is(a, b) ? [] : [path || '(value)'];
}

const kindOrder: ResourceDiff['kind'][] = ['mesh', 'virtualNode', 'virtualRouter', 'route', 'virtualService', 'virtualGateway', 'gatewayRoute'];

/** The imported bundle against the server's bundle of the same mesh, in kind then name order. */
export function diffBundles(imported: Record<string, unknown>, server: Record<string, unknown>): ResourceDiff[] {
  const mine = index(imported);
  const theirs = index(server);
  const out: ResourceDiff[] = [];
  for (const [key, r] of mine) {
    const other = theirs.get(key);
    if (!other) out.push({ kind: r.kind, name: r.name, state: 'added', paths: [] });
    else {
      const paths = differingPaths(r.body, other.body);
      out.push({ kind: r.kind, name: r.name, state: paths.length ? 'changed' : 'unchanged', paths });
    }
  }
  for (const [key, r] of theirs) if (!mine.has(key)) out.push({ kind: r.kind, name: r.name, state: 'server-only', paths: [] });
  return out.sort((x, y) => kindOrder.indexOf(x.kind) - kindOrder.indexOf(y.kind) || x.name.localeCompare(y.name));
}
