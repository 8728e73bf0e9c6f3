// Evaluates CloudFormation's intrinsic functions where a template alone determines the value, and
// marks the rest (ImportValue, attributes of non-App-Mesh resources) as unresolved with the reason.

/** A value the template alone cannot give; carries why. */
export class Unresolved {
  constructor(readonly reason: string) {}
}
/** `Ref: AWS::NoValue`: the property is left out, as CloudFormation does. */
export const noValue = Symbol('AWS::NoValue');

export interface TemplateScope {
  /** Parameters and pseudo parameters (AWS::Region...), already resolved. */
  refs: Record<string, unknown>;
  mappings: Record<string, unknown>;
  condition: (name: string) => boolean | Unresolved;
  /** `Ref` to a resource of the template (its ARN for App Mesh resources). */
  resourceRef: (logicalId: string) => unknown;
  getAtt: (logicalId: string, attribute: string) => unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += alphabet.charAt(n >> 18) + alphabet.charAt((n >> 12) & 63);
    out += i + 1 < bytes.length ? alphabet.charAt((n >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? alphabet.charAt(n & 63) : '=';
  }
  return out;
}

const firstUnresolved = (values: unknown[]) => values.find((v): v is Unresolved => v instanceof Unresolved);

function asString(v: unknown): string | Unresolved {
  if (v instanceof Unresolved) return v;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return new Unresolved(`expected a string, got ${JSON.stringify(v)}`);
}

function sub(template: unknown, vars: Record<string, unknown>, scope: TemplateScope): unknown {
  if (typeof template !== 'string') return new Unresolved('Fn::Sub takes a string');
  let failed: Unresolved | undefined;
  const text = template.replace(/\$\{([^}]*)\}/g, (whole, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    let value: unknown;
    if (name in vars) value = vars[name];
    else if (name.includes('.')) {
      const dot = name.indexOf('.');
      value = scope.getAtt(name.slice(0, dot), name.slice(dot + 1));
    } else value = ref(name, scope);
    const s = asString(value);
    if (s instanceof Unresolved) {
      failed ??= s;
      return whole;
    }
    return s;
  });
  return failed ?? text;
}

function ref(name: unknown, scope: TemplateScope): unknown {
  if (typeof name !== 'string') return new Unresolved('Ref takes a name');
  if (name === 'AWS::NoValue') return noValue;
  if (name in scope.refs) return scope.refs[name];
  return scope.resourceRef(name);
}

function condition(v: unknown, scope: TemplateScope): boolean | Unresolved {
  const r = evaluate(v, scope);
  if (r instanceof Unresolved || typeof r === 'boolean') return r;
  if (r === 'true' || r === 'false') return r === 'true';
  return new Unresolved(`a condition must be true or false, got ${JSON.stringify(r)}`);
}

function fn(name: string, arg: unknown, scope: TemplateScope): unknown {
  const args = (): unknown[] => (Array.isArray(arg) ? arg : [arg]);
  switch (name) {
    case 'Ref':
      return ref(arg, scope);
    case 'Condition':
      return typeof arg === 'string' ? scope.condition(arg) : new Unresolved('Condition takes a name');
    case 'Fn::GetAtt': {
      const [id, attr] = typeof arg === 'string' ? arg.split('.') : args().map((a) => evaluate(a, scope));
      return typeof id === 'string' && typeof attr === 'string' ? scope.getAtt(id, attr) : new Unresolved('Fn::GetAtt takes [LogicalId, Attribute]');
    }
    case 'Fn::Sub': {
      if (typeof arg === 'string') return sub(arg, {}, scope);
      const [text, vars] = args();
      const evaluated = isRecord(vars) ? Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, evaluate(v, scope)])) : {};
      return sub(text, evaluated, scope);
    }
    case 'Fn::Join': {
      const [sep, list] = args().map((a) => evaluate(a, scope));
      const parts = Array.isArray(list) ? list.map(asString) : [new Unresolved('Fn::Join takes a list')];
      return firstUnresolved(parts) ?? (parts as string[]).join(typeof sep === 'string' ? sep : '');
    }
    case 'Fn::Select': {
      const [index, list] = args().map((a) => evaluate(a, scope));
      const bad = firstUnresolved([index, list]);
      if (bad) return bad;
      return Array.isArray(list) && list.length > Number(index) ? list[Number(index)] : new Unresolved(`Fn::Select index ${String(index)} is out of range`);
    }
    case 'Fn::Split': {
      const [sep, text] = args().map((a) => evaluate(a, scope));
      const s = asString(text);
      return s instanceof Unresolved ? s : s.split(String(sep));
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = args().map((a) => evaluate(a, scope));
      const bad = firstUnresolved([map, top, second]);
      if (bad) return bad;
      const found = (scope.mappings[String(map)] as Record<string, Record<string, unknown>> | undefined)?.[String(top)]?.[String(second)];
      return found ?? new Unresolved(`Fn::FindInMap: ${String(map)}.${String(top)}.${String(second)} is not in Mappings`);
    }
    case 'Fn::If': {
      const [cond, yes, no] = args();
      const c = typeof cond === 'string' ? scope.condition(cond) : new Unresolved('Fn::If takes a condition name');
      return c instanceof Unresolved ? c : evaluate(c ? yes : no, scope);
    }
    case 'Fn::Equals': {
      const [a, b] = args().map((x) => evaluate(x, scope));
      return firstUnresolved([a, b]) ?? JSON.stringify(a) === JSON.stringify(b);
    }
    case 'Fn::Not': {
      const c = condition(args()[0], scope);
      return c instanceof Unresolved ? c : !c;
    }
    case 'Fn::And':
    case 'Fn::Or': {
      const cs = args().map((x) => condition(x, scope));
      const bad = firstUnresolved(cs);
      if (bad) return bad;
      return name === 'Fn::And' ? cs.every(Boolean) : cs.some(Boolean);
    }
    case 'Fn::Base64': {
      const s = asString(evaluate(arg, scope));
      return s instanceof Unresolved ? s : base64(s);
    }
    case 'Fn::ImportValue':
      return new Unresolved(`Fn::ImportValue ${JSON.stringify(evaluate(arg, scope))} is an output of another stack`);
    case 'Fn::GetAZs':
      return new Unresolved('Fn::GetAZs depends on the account and region');
    default:
      return new Unresolved(`${name} is not supported by the import`);
  }
}

/** Evaluates every intrinsic function in `value`; `noValue` members and items are removed. */
export function evaluate(value: unknown, scope: TemplateScope): unknown {
  if (Array.isArray(value)) {
    // Unresolved items stay in place: the caller reports each with its own path.
    return value.map((v) => evaluate(v, scope)).filter((v) => v !== noValue);
  }
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const [only] = keys;
  if (keys.length === 1 && only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::'))) return fn(only, value[only], scope);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const r = evaluate(v, scope);
    if (r !== noValue) out[k] = r;
  }
  return out;
}
