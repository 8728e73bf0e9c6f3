import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'yaml';
import { toEnvoyYaml } from './yaml';

test('header values YAML 1.1 would read as booleans or numbers stay strings in the download', () => {
  const value = { headers: [{ name: 'x-beta', string_match: { exact: 'yes' } }, { name: 'x-id', string_match: { exact: '0x1F' } }] };
  // Envoy reads YAML 1.1; the download must mean the same to it as the JSON did to us.
  assert.deepEqual(parse(toEnvoyYaml(value), { version: '1.1' }), value);
});
