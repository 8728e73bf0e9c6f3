import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firstDuplicateKey } from './duplicate-keys';

test('a repeated key is found with its JSON path, at any depth', () => {
  assert.equal(firstDuplicateKey('{"meshName":"a","meshName":"b"}'), 'meshName');
  assert.equal(firstDuplicateKey('{"spec":{"listeners":[{"portMapping":{"port":1,"port":2}}]}}'), 'spec.listeners[0].portMapping.port');
  assert.equal(firstDuplicateKey('{"a":[{"x":1},{"y":1,"y":2}]}'), 'a[1].y');
});

test('equal keys in different objects, keys that look alike and escaped quotes are no duplicates', () => {
  assert.equal(firstDuplicateKey('{"a":{"k":1},"b":{"k":1}}'), undefined);
  assert.equal(firstDuplicateKey('{"k":"\\"k\\"","k2":"k"}'), undefined);
  assert.equal(firstDuplicateKey('{"a":["k","k"]}'), undefined);
  assert.equal(firstDuplicateKey('"just a string"'), undefined);
});

test('keys equal after JSON unescaping are duplicates', () => {
  assert.equal(firstDuplicateKey('{"meshName":"a","mesh\\u004eame":"b"}'), 'meshName');
});
