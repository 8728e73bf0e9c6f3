// Test support: walks the App Mesh API model (the reference JSON) and derives, for any shape, a valid
// sample document and the probes that a schema mirroring that shape must accept or reject.
// Imported only by tests; it takes the parsed reference as an argument, so it does no I/O.

export interface RefShape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  union?: boolean;
  member?: { shape: string };
  min?: number;
  max?: number;
  enum?: string[];
  pattern?: string;
}
export type RefShapes = Record<string, RefShape>;
export type Path = (string | number)[];

export interface Probe {
  /** Readable description: what was changed where. */
  what: string;
  path: Path;
  value: unknown | typeof DELETE;
  expect: 'accept' | 'reject';
}
export const DELETE = Symbol('delete');

/** Structures the service treats as unions although the model does not flag them (appmesh.md). */
export const extraUnions: Record<string, string[]> = {
  RouteSpec: ['grpcRoute', 'http2Route', 'httpRoute', 'tcpRoute'],
  GatewayRouteSpec: ['grpcRoute', 'http2Route', 'httpRoute'],
};

const isUnion = (name: string, s: RefShape) => s.union === true || name in extraUnions;

function plainMembers(name: string, s: RefShape): [string, { shape: string }][] {
  const listed = extraUnions[name];
  return listed ? Object.entries(s.members ?? {}).filter(([m]) => !listed.includes(m)) : [];
}

/** The members of a union structure (for extra unions, only the listed ones). */
function unionMembers(name: string, s: RefShape): [string, { shape: string }][] {
  const listed = extraUnions[name];
  return Object.entries(s.members ?? {}).filter(([m]) => !listed || listed.includes(m));
}

/** A valid value of a shape; `full` sets every optional member too (first member of unions). */
export function sample(shapes: RefShapes, name: string, full: boolean): unknown {
  const s = shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  switch (s.type) {
    case 'structure': {
      const members = Object.entries(s.members ?? {});
      if (isUnion(name, s)) {
        const [first] = unionMembers(name, s);
        const out: Record<string, unknown> = first ? { [first[0]]: sample(shapes, first[1].shape, full) } : {};
        // Members beside an extra union's alternatives (RouteSpec.priority) are ordinary members.
        for (const [m, ref] of plainMembers(name, s)) if (full) out[m] = sample(shapes, ref.shape, full);
        return out;
      }
      const out: Record<string, unknown> = {};
      for (const [m, ref] of members) {
        if (full || s.required?.includes(m)) out[m] = sample(shapes, ref.shape, full);
      }
      return out;
    }
    case 'list': {
      const count = Math.max(s.min ?? 0, 1);
      return Array.from({ length: count }, () => sample(shapes, (s.member as { shape: string }).shape, full));
    }
    case 'string':
      if (s.enum) return s.enum[0];
      return 'a'.repeat(Math.max(s.min ?? 1, 1));
    case 'integer':
    case 'long':
      return Math.max(s.min ?? 1, 0) === 0 && s.min === 0 ? 0 : (s.min ?? 1);
    case 'boolean':
      return true;
    default:
      throw new Error(`shape ${name} of type ${s.type} is not expected in a spec`);
  }
}

/** Every probe for the shape at `path` of a full sample document, recursively. */
export function* probes(shapes: RefShapes, name: string, path: Path): Generator<Probe> {
  const s = shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  const at = path.join('.') || '(root)';
  switch (s.type) {
    case 'structure': {
      const members = Object.entries(s.members ?? {});
      yield { what: `unknown member at ${at}`, path: [...path, 'notAField'], value: 'x', expect: 'reject' };
      if (isUnion(name, s)) {
        const members = unionMembers(name, s);
        yield { what: `empty union ${name} at ${at}`, path, value: {}, expect: 'reject' };
        const [a, b] = members;
        if (a && b) {
          yield { what: `two members of union ${name} at ${at}`, path, value: { [a[0]]: sample(shapes, a[1].shape, false), [b[0]]: sample(shapes, b[1].shape, false) }, expect: 'reject' };
        }
        for (const [m, ref] of members) {
          yield { what: `union ${name} with only ${m} at ${at}`, path, value: { [m]: sample(shapes, ref.shape, true) }, expect: 'accept' };
        }
        const [first] = members;
        if (first) yield* probes(shapes, first[1].shape, [...path, first[0]]);
        for (const [m, ref] of plainMembers(name, s)) {
          yield { what: `optional member ${m} of ${name} left out at ${at}`, path: [...path, m], value: DELETE, expect: 'accept' };
          yield* probes(shapes, ref.shape, [...path, m]);
        }
        return;
      }
      for (const [m, ref] of members) {
        const required = s.required?.includes(m) ?? false;
        yield { what: `${required ? 'required' : 'optional'} member ${m} of ${name} left out at ${at}`, path: [...path, m], value: DELETE, expect: required ? 'reject' : 'accept' };
        yield* probes(shapes, ref.shape, [...path, m]);
      }
      return;
    }
    case 'list': {
      const item = (s.member as { shape: string }).shape;
      const one = sample(shapes, item, true);
      yield { what: `${name} not a list at ${at}`, path, value: 'x', expect: 'reject' };
      if (s.min !== undefined && s.min > 0) {
        yield { what: `${name} with ${s.min - 1} items (min ${s.min}) at ${at}`, path, value: Array(s.min - 1).fill(one), expect: 'reject' };
      }
      if (s.max !== undefined) {
        yield { what: `${name} with ${s.max} items (max) at ${at}`, path, value: Array(s.max).fill(one), expect: 'accept' };
        yield { what: `${name} with ${s.max + 1} items (max ${s.max}) at ${at}`, path, value: Array(s.max + 1).fill(one), expect: 'reject' };
      }
      yield* probes(shapes, item, [...path, 0]);
      return;
    }
    case 'string': {
      yield { what: `${name} given a number at ${at}`, path, value: 12, expect: 'reject' };
      if (s.enum) {
        for (const v of s.enum) yield { what: `${name} = ${v} at ${at}`, path, value: v, expect: 'accept' };
        yield { what: `${name} outside its enum at ${at}`, path, value: 'NOT_A_VALUE', expect: 'reject' };
        return;
      }
      if (s.min !== undefined) {
        yield { what: `${name} of length ${s.min} (min) at ${at}`, path, value: 'a'.repeat(s.min), expect: 'accept' };
        if (s.min > 0) yield { what: `${name} of length ${s.min - 1} (min ${s.min}) at ${at}`, path, value: 'a'.repeat(s.min - 1), expect: 'reject' };
      }
      if (s.max !== undefined) {
        yield { what: `${name} of length ${s.max} (max) at ${at}`, path, value: 'a'.repeat(s.max), expect: 'accept' };
        yield { what: `${name} of length ${s.max + 1} (max ${s.max}) at ${at}`, path, value: 'a'.repeat(s.max + 1), expect: 'reject' };
      }
      if (s.min === undefined) yield { what: `${name} empty (no min) at ${at}`, path, value: '', expect: 'accept' };
      return;
    }
    case 'integer':
    case 'long': {
      yield { what: `${name} given a string at ${at}`, path, value: '5', expect: 'reject' };
      yield { what: `${name} given a fraction at ${at}`, path, value: (s.min ?? 0) + 1.5, expect: 'reject' };
      if (s.min !== undefined) {
        yield { what: `${name} = ${s.min} (min) at ${at}`, path, value: s.min, expect: 'accept' };
        yield { what: `${name} = ${s.min - 1} (min ${s.min}) at ${at}`, path, value: s.min - 1, expect: 'reject' };
      }
      if (s.max !== undefined) {
        yield { what: `${name} = ${s.max} (max) at ${at}`, path, value: s.max, expect: 'accept' };
        yield { what: `${name} = ${s.max + 1} (max ${s.max}) at ${at}`, path, value: s.max + 1, expect: 'reject' };
      } else {
        yield { what: `${name} large (no max) at ${at}`, path, value: 2 ** 40, expect: 'accept' };
      }
      return;
    }
    case 'boolean':
      yield { what: `${name} given a string at ${at}`, path, value: 'yes', expect: 'reject' };
      yield { what: `${name} = false at ${at}`, path, value: false, expect: 'accept' };
      return;
    default:
      throw new Error(`shape ${name} of type ${s.type} is not expected in a spec`);
  }
}

/** A copy of `doc` with the probe applied. */
export function applyProbe(doc: unknown, probe: Probe): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  if (probe.path.length === 0) return probe.value;
  let cursor: Record<string | number, unknown> = copy;
  for (const key of probe.path.slice(0, -1)) cursor = cursor[key] as Record<string | number, unknown>;
  const last = probe.path[probe.path.length - 1] as string | number;
  if (probe.value === DELETE) delete cursor[last];
  else cursor[last] = probe.value;
  return copy;
}
