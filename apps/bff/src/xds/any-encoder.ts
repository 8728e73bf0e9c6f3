// Encodes Envoy resources written in proto3 JSON form (snake_case names, `@type` on Any, "5s"
// durations, bare numbers for wrappers, enum names) into google.protobuf.Any bytes. protobufjs's own
// fromObject knows none of the JSON mappings, so the object is rewritten field by field against the
// message descriptor first; a field the proto does not have is an error that names its JSON path.
import protobuf from 'protobufjs';
import type { EnvoyTypes } from './protos';

export interface EncodedAny {
  type_url: string;
  value: Buffer;
}

type Json = unknown;

export class EncodeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'EncodeError';
  }
}

const WRAPPERS = new Set(
  ['Double', 'Float', 'Int64', 'UInt64', 'Int32', 'UInt32', 'Bool', 'String', 'Bytes'].map((w) => `.google.protobuf.${w}Value`),
);

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Encodes one resource (a JSON object carrying `@type`) into an Any. */
export function encodeAny(types: EnvoyTypes, json: Json, path = '$'): EncodedAny {
  if (!isObject(json)) throw new EncodeError(path, 'expected an object with @type');
  const typeUrl = json['@type'];
  if (typeof typeUrl !== 'string' || !typeUrl.includes('/')) throw new EncodeError(path, 'missing or malformed @type');
  const name = typeUrl.slice(typeUrl.lastIndexOf('/') + 1);
  let type: protobuf.Type;
  try {
    type = types.type(name);
  } catch (e) {
    throw new EncodeError(`${path}.@type`, (e as Error).message);
  }
  if (type.fullName === '.google.protobuf.Struct') return { type_url: typeUrl, value: Buffer.from(type.encode(type.fromObject(structOf(type, json, path, true))).finish()) };
  return { type_url: typeUrl, value: encodeMessage(types, type, json, path) };
}

/** The same bytes as encodeAny, the whole message encoded at once (what the splice must equal). */
export function encodeAnyAtOnce(types: EnvoyTypes, json: Record<string, Json>): Buffer {
  const typeUrl = String(json['@type']);
  const type = types.type(typeUrl.slice(typeUrl.lastIndexOf('/') + 1));
  return Buffer.from(type.encode(type.fromObject(messageOf(types, type, json, '$'))).finish());
}

/** Element bytes by element object: compile hands back the same objects for what a change did not touch. */
const elementBytes = new WeakMap<object, { type: protobuf.Type; bytes: Uint8Array }>();
/** Below this many elements a repeated field is encoded with the rest of its message. */
const SPLICE_MIN = 4;

/**
 * A message's bytes. A long repeated message field at its top (a route configuration's virtual hosts)
 * is encoded element by element, each element's bytes remembered by its object, and spliced between
 * the encodings of the fields numbered below and above it: protobuf writes fields in number order and
 * a message's encoding is its fields' encodings one after the other, so the bytes are exactly those of
 * encoding the whole message at once (any-encoder.test.ts compares them).
 */
function encodeMessage(types: EnvoyTypes, type: protobuf.Type, json: Record<string, Json>, path: string): Buffer {
  const split = splitField(type, json);
  if (!split) return Buffer.from(type.encode(type.fromObject(messageOf(types, type, json, path))).finish());
  const { key, field, elementType } = split;
  // Every other member checked and converted as messageOf always does (the split one's elements below).
  const rest = messageOf(types, type, { ...json, [key]: [] }, path);
  const below: Record<string, Json> = {};
  const above: Record<string, Json> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (name === field.name) continue;
    const id = type.fields[name]?.id ?? 0;
    (id < field.id ? below : above)[name] = value;
  }
  // Each element as protobufjs writes a nested message: its tag (field number, wire type 2), then its bytes length-prefixed.
  const spliced = protobuf.Writer.create();
  const elements = json[key] as Json[];
  for (let i = 0; i < elements.length; i++) {
    const element = elements[i];
    if (!isObject(element)) throw new EncodeError(`${path}.${key}[${i}]`, `expected an object (${elementType.fullName.slice(1)})`);
    let known = elementBytes.get(element);
    if (known?.type !== elementType) {
      known = { type: elementType, bytes: elementType.encode(elementType.fromObject(messageOf(types, elementType, element, `${path}.${key}[${i}]`))).finish() };
      elementBytes.set(element, known);
    }
    spliced.uint32(((field.id << 3) | 2) >>> 0).bytes(known.bytes);
  }
  return Buffer.concat([type.encode(type.fromObject(below)).finish(), spliced.finish(), type.encode(type.fromObject(above)).finish()]);
}

/** The top-level repeated message field worth encoding element by element, if any (never a well-known type). */
function splitField(type: protobuf.Type, json: Record<string, Json>): { key: string; field: protobuf.Field; elementType: protobuf.Type } | undefined {
  for (const [key, value] of Object.entries(json)) {
    if (!Array.isArray(value) || value.length < SPLICE_MIN) continue;
    const field = fieldFor(type, key);
    if (!field?.repeated || field instanceof protobuf.MapField) continue;
    const elementType = field.resolve().resolvedType;
    if (elementType instanceof protobuf.Type && !elementType.fullName.startsWith('.google.protobuf.')) return { key, field, elementType };
  }
  return undefined;
}

function fieldFor(type: protobuf.Type, key: string): protobuf.Field | undefined {
  const direct = type.fields[key];
  if (direct) return direct;
  // proto3 JSON also accepts lowerCamelCase names.
  return type.fieldsArray.find((f) => protobuf.util.camelCase(f.name) === key);
}

function messageOf(types: EnvoyTypes, type: protobuf.Type, json: Json, path: string): Record<string, Json> {
  if (!isObject(json)) throw new EncodeError(path, `expected an object (${type.fullName.slice(1)})`);
  const out: Record<string, Json> = {};
  const oneofSeen = new Map<string, string>();
  for (const [key, value] of Object.entries(json)) {
    if (key === '@type') continue;
    const field = fieldFor(type, key);
    const fieldPath = `${path}.${key}`;
    if (!field) throw new EncodeError(fieldPath, `unknown field of ${type.fullName.slice(1)}`);
    if (value === null) continue; // JSON null means "not set" (except inside Struct)
    if (field.partOf) {
      const other = oneofSeen.get(field.partOf.name);
      if (other) throw new EncodeError(fieldPath, `only one of ${other} and ${key} may be set`);
      oneofSeen.set(field.partOf.name, key);
    }
    out[field.name] = fieldValue(types, field, value, fieldPath);
  }
  return out;
}

function fieldValue(types: EnvoyTypes, field: protobuf.Field, value: Json, path: string): Json {
  if (field instanceof protobuf.MapField) {
    if (!isObject(value)) throw new EncodeError(path, 'expected an object (map)');
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, singleValue(types, field, v, `${path}.${k}`)]));
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw new EncodeError(path, 'expected an array');
    return value.map((v, i) => singleValue(types, field, v, `${path}[${i}]`));
  }
  return singleValue(types, field, value, path);
}

function singleValue(types: EnvoyTypes, field: protobuf.Field, value: Json, path: string): Json {
  const resolved = field.resolve().resolvedType;
  if (resolved instanceof protobuf.Type) return wellKnownOrMessage(types, resolved, value, path);
  if (resolved instanceof protobuf.Enum) {
    if (typeof value === 'string') {
      if (!(value in resolved.values)) throw new EncodeError(path, `unknown ${resolved.name} value ${value}`);
      return value;
    }
    if (typeof value === 'number' && Number.isInteger(value)) return value;
    throw new EncodeError(path, `expected a ${resolved.name} name`);
  }
  return scalar(field.type, value, path);
}

function scalar(protoType: string, value: Json, path: string): Json {
  switch (protoType) {
    case 'string':
      if (typeof value !== 'string') throw new EncodeError(path, 'expected a string');
      return value;
    case 'bool':
      if (typeof value !== 'boolean') throw new EncodeError(path, 'expected true or false');
      return value;
    case 'bytes':
      if (typeof value !== 'string') throw new EncodeError(path, 'expected base64 bytes');
      return value;
    case 'double':
    case 'float':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && !Number.isNaN(Number(value))) return Number(value);
      throw new EncodeError(path, 'expected a number');
    default: {
      // (s|u|)int32/64, fixed, sfixed: proto3 JSON writes 64-bit integers as strings.
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw new EncodeError(path, `expected an integer (${protoType})`);
      if (protoType.startsWith('u') || protoType === 'fixed32' || protoType === 'fixed64') {
        if (n < 0) throw new EncodeError(path, 'expected a non-negative integer');
      }
      return n;
    }
  }
}

function wellKnownOrMessage(types: EnvoyTypes, type: protobuf.Type, value: Json, path: string): Json {
  const name = type.fullName;
  if (name === '.google.protobuf.Any') return encodeAny(types, value, path);
  if (name === '.google.protobuf.Duration') return durationOf(value, path);
  if (name === '.google.protobuf.Struct') return structOf(type, value, path, false);
  if (name === '.google.protobuf.Value') return valueOf(type, value);
  if (name === '.google.protobuf.ListValue') return listOf(type, value, path);
  if (name === '.google.protobuf.Timestamp') {
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) throw new EncodeError(path, 'expected an RFC 3339 timestamp');
    return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
  }
  if (name === '.google.protobuf.FieldMask') {
    if (typeof value !== 'string') throw new EncodeError(path, 'expected comma-separated paths');
    return { paths: value.split(',').filter(Boolean) };
  }
  if (WRAPPERS.has(name)) {
    const inner = type.fields.value;
    if (!inner) throw new EncodeError(path, `malformed wrapper ${name}`);
    return { value: scalar(inner.type, value, path) };
  }
  return messageOf(types, type, value, path);
}

/** "5s", "0.250s", "-1.5s" -> {seconds, nanos}, as proto3 JSON writes google.protobuf.Duration. */
export function durationOf(value: Json, path: string): { seconds: number; nanos: number } {
  const m = typeof value === 'string' ? /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(value) : null;
  if (!m) throw new EncodeError(path, `expected a duration such as "5s" or "0.250s", got ${JSON.stringify(value)}`);
  const sign = m[1] ? -1 : 1;
  const seconds = Number(m[2]);
  const nanos = m[3] ? Number(m[3].padEnd(9, '0')) : 0;
  return { seconds: sign * seconds, nanos: sign * nanos };
}

// protobufjs bundles google/protobuf/struct.proto with camelCase field names whatever keepCase says,
// so member names are looked up on the type rather than assumed.
function member(type: protobuf.Type, snake: string): protobuf.Field {
  const f = type.fields[snake] ?? type.fields[protobuf.util.camelCase(snake)];
  if (!f) throw new Error(`${type.fullName} has no field ${snake}`);
  return f;
}

function memberType(type: protobuf.Type, snake: string): protobuf.Type {
  const t = member(type, snake).resolve().resolvedType;
  if (!(t instanceof protobuf.Type)) throw new Error(`${type.fullName}.${snake} is not a message`);
  return t;
}

function structOf(structType: protobuf.Type, value: Json, path: string, topLevel: boolean): Record<string, Json> {
  if (!isObject(value)) throw new EncodeError(path, 'expected an object (Struct)');
  const valueType = memberType(structType, 'fields');
  const fields: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) if (!(topLevel && k === '@type')) fields[k] = valueOf(valueType, v);
  return { [member(structType, 'fields').name]: fields };
}

function listOf(listType: protobuf.Type, value: Json, path: string): Record<string, Json> {
  if (!Array.isArray(value)) throw new EncodeError(path, 'expected an array');
  const valueType = memberType(listType, 'values');
  return { [member(listType, 'values').name]: value.map((v) => valueOf(valueType, v)) };
}

function valueOf(valueType: protobuf.Type, v: Json): Json {
  const key = (snake: string) => member(valueType, snake).name;
  if (v === null || v === undefined) return { [key('null_value')]: 'NULL_VALUE' };
  if (typeof v === 'number') return { [key('number_value')]: v };
  if (typeof v === 'string') return { [key('string_value')]: v };
  if (typeof v === 'boolean') return { [key('bool_value')]: v };
  if (Array.isArray(v)) return { [key('list_value')]: listOf(memberType(valueType, 'list_value'), v, '') };
  return { [key('struct_value')]: structOf(memberType(valueType, 'struct_value'), v, '', false) };
}
