// A gateway's Envoy names itself mesh/<mesh>/virtualGateway/<gateway> (what compileGateway's ADS
// bootstrap sets) or the gateway's ARN; it is a different proxy from a virtual node of the same name.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeKey, parseNodeId } from './node-id';

describe('parseNodeId for virtual gateways', () => {
  it('reads the mesh/<mesh>/virtualGateway/<gateway> form and the gateway ARN', () => {
    assert.deepEqual(parseNodeId('mesh/shop/virtualGateway/ingress'), { meshName: 'shop', nodeName: 'ingress', kind: 'virtualGateway' });
    assert.deepEqual(parseNodeId('arn:aws:appmesh:us-west-2:111122223333:mesh/shop/virtualGateway/ingress-gw'), { meshName: 'shop', nodeName: 'ingress-gw', kind: 'virtualGateway' });
  });

  it('refuses a gateway route ARN and names both forms in its explanation', () => {
    for (const id of ['mesh/shop/virtualGateway/gw/gatewayRoute/r', 'arn:aws:appmesh:us-west-2:1:mesh/shop/virtualGateway/gw/gatewayRoute/r', 'mesh/shop/gateway/gw']) {
      const r = parseNodeId(id);
      assert.ok('error' in r, id);
      assert.match(r.error, /mesh\/<mesh>\/virtualGateway\/<gateway>/);
    }
  });

  it('keys a gateway apart from a node of the same name', () => {
    const node = parseNodeId('mesh/shop/virtualNode/edge');
    const gateway = parseNodeId('mesh/shop/virtualGateway/edge');
    assert.ok(!('error' in node) && !('error' in gateway));
    assert.notEqual(nodeKey(node), nodeKey(gateway));
  });
});
