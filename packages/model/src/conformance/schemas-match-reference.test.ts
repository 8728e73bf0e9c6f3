// Mechanically checks every schema against the App Mesh API model: members, required-ness, unions,
// min/max, enums and list sizes. If the reference or a schema changes, this fails and names the spot.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { z } from 'zod';
import {
  createMeshInputSchema,
  createRouteInputSchema,
  createVirtualNodeInputSchema,
  createVirtualRouterInputSchema,
  createVirtualServiceInputSchema,
  createVirtualGatewayInputSchema,
  createGatewayRouteInputSchema,
} from '../index';
import { appMeshApiModelPath } from '../../../../testkit/reference';
import { applyProbe, probes, sample, type RefShapes } from './reference-walk';

const reference = JSON.parse(readFileSync(appMeshApiModelPath(), 'utf8')) as {
  shapes: RefShapes;
};

const roots: [string, z.ZodType][] = [
  ['CreateMeshInput', createMeshInputSchema],
  ['CreateVirtualNodeInput', createVirtualNodeInputSchema],
  ['CreateVirtualServiceInput', createVirtualServiceInputSchema],
  ['CreateVirtualRouterInput', createVirtualRouterInputSchema],
  ['CreateRouteInput', createRouteInputSchema],
  ['CreateVirtualGatewayInput', createVirtualGatewayInputSchema],
  ['CreateGatewayRouteInput', createGatewayRouteInputSchema],
];

/**
 * Where meshwright is deliberately stricter than the API model, with the reason. Every other
 * difference fails the test.
 */
const tighter: Record<string, string> = {
  'ServiceName empty (no min) at virtualServiceName': 'a virtual service with an empty name cannot be addressed by DNS or the API path',
};

for (const [shape, schema] of roots) {
  test(`${shape}: the schema accepts and rejects exactly what the App Mesh model does`, () => {
    const full = sample(reference.shapes, shape, true);
    const minimal = sample(reference.shapes, shape, false);
    assert.deepEqual(schema.safeParse(full).error?.issues, undefined, 'a full valid sample is accepted');
    assert.deepEqual(schema.safeParse(minimal).error?.issues, undefined, 'a minimal valid sample is accepted');
    const wrong: string[] = [];
    let count = 0;
    for (const probe of probes(reference.shapes, shape, [])) {
      count++;
      const result = schema.safeParse(applyProbe(full, probe));
      const got = result.success ? 'accept' : 'reject';
      if (got !== probe.expect && !(probe.what in tighter && got === 'reject')) {
        wrong.push(`${probe.what}: expected ${probe.expect}, schema did ${got}${result.success ? '' : ` (${result.error.issues[0]?.message})`}`);
      }
    }
    assert.ok(count > 20, `walked ${count} probes`);
    assert.deepEqual(wrong, []);
  });
}

test('every member of every spec shape is covered by the walk (no shape type left unhandled)', () => {
  for (const [shape] of roots) assert.doesNotThrow(() => [...probes(reference.shapes, shape, [])]);
});
