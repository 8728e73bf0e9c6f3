import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseNodeId } from './node-id';

describe('parseNodeId', () => {
  it('reads the mesh/<mesh>/virtualNode/<node> form and the ARN form', () => {
    assert.deepEqual(parseNodeId('mesh/shop/virtualNode/web'), { meshName: 'shop', nodeName: 'web' });
    assert.deepEqual(parseNodeId('arn:aws:appmesh:us-west-2:111122223333:mesh/shop/virtualNode/web-v1'), { meshName: 'shop', nodeName: 'web-v1' });
    assert.deepEqual(parseNodeId('mesh/a%zz/virtualNode/b%'), { meshName: 'a%zz', nodeName: 'b%' });
  });

  it('explains what a usable node id looks like', () => {
    for (const id of [undefined, '', 'web', 'mesh/shop/virtualRouter/r', 'mesh/shop/virtualNode/web/extra', 'arn:aws:appmesh:us-west-2:1:mesh/shop']) {
      const r = parseNodeId(id);
      assert.ok('error' in r, String(id));
      assert.match(r.error, /mesh\/<mesh>\/virtualNode\/<node>/);
    }
  });
});
