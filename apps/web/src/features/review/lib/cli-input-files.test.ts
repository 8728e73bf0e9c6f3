import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createRouteInputSchema, createVirtualNodeInputSchema } from '@meshwright/model';
import { toBundle } from '../../wizard/lib/to-bundle';
import { filledWizard } from '../../wizard/lib/test-fixtures';
import { cliInputFiles, cliScript } from './cli-input-files';

test('every resource becomes a CLI-input file the create command accepts, in creation order', () => {
  const files = cliInputFiles(toBundle(filledWizard()));
  assert.deepEqual(files.map((f) => f.kind), ['mesh', 'virtualNode', 'virtualNode', 'virtualRouter', 'route', 'virtualService']);
  assert.equal(files[1]?.filename, 'shop.virtual-node.reviews-v1.json');
  assert.equal(createVirtualNodeInputSchema.safeParse(files[1]?.document).success, true);
  assert.equal(createRouteInputSchema.safeParse(files[4]?.document).success, true);
  assert.match(cliScript(files), /^aws appmesh create-mesh --cli-input-json file:\/\/shop\.mesh\.shop\.json$/m);
});
