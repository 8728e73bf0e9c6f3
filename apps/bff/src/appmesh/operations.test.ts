// The operation table stays what the App Mesh API model says, and every in-scope operation has a handler.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { appMeshApiModelPath } from '../../../../testkit/reference';
import { operationsFromApiModel, type ApiModelJson } from './api-model';
import { operationDefs } from './operations';
import { operationBindings } from './operations.generated';

const referencePath = appMeshApiModelPath();

test('operations.generated.ts matches the App Mesh API model JSON', () => {
  assert.ok(existsSync(referencePath), `the API model is not at ${referencePath}; set APPMESH_API_MODEL to its path`);
  const api = JSON.parse(readFileSync(referencePath, 'utf8')) as ApiModelJson;
  assert.deepEqual(
    JSON.parse(JSON.stringify(operationBindings)),
    operationsFromApiModel(api),
    'regenerate with: npx tsx apps/bff/src/appmesh/generate-operations.ts <path to appmesh-api-2019-01-25.json>',
  );
});

test('every operation of the API model has a handler (virtual gateways and gateway routes included), and no handler lacks a binding', () => {
  const bound = Object.keys(operationBindings);
  assert.deepEqual(bound.filter((n) => !operationDefs.has(n as never)), []);
  assert.deepEqual([...operationDefs.keys()].filter((n) => !bound.includes(n)), []);
  assert.equal(operationDefs.size, 38);
  for (const kind of ['VirtualGateway', 'GatewayRoute']) {
    for (const verb of ['Create', 'Describe', 'Update', 'Delete']) assert.ok(operationDefs.has(`${verb}${kind}` as never), `${verb}${kind}`);
    assert.ok(operationDefs.has(`List${kind}s` as never), `List${kind}s`);
  }
});
