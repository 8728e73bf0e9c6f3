// Narrowing helpers for compile's tests: a compiled value is an object or a list, or the test fails saying what it got.
import assert from 'node:assert/strict';
import type { JsonObject, JsonValue } from '../envoy/json';

export const obj = (v: JsonValue | undefined): JsonObject => {
  assert.ok(v && typeof v === 'object' && !Array.isArray(v), `expected an object, got ${JSON.stringify(v)}`);
  return v;
};
export const arr = (v: JsonValue | undefined): JsonValue[] => {
  assert.ok(Array.isArray(v), `expected a list, got ${JSON.stringify(v)}`);
  return v;
};
