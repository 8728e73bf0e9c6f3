import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeMesh, type MeshModel } from '@meshwright/model';
import { sampleMesh } from '../test-support/sample-mesh';
import { buildGraph } from './build-graph';
import { toElkGraph } from './layout';
import { gatewaySyncKey, meshSyncBadges } from './sync-status';

/** The shop mesh with an ingress gateway: one route to web, one to a service that does not exist. */
function withGateway(): MeshModel {
  const model = sampleMesh();
  model.virtualGateways.push({ virtualGatewayName: 'ingress', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] } });
  const to = (virtualServiceName: string) => ({ target: { virtualService: { virtualServiceName } } });
  model.gatewayRoutes.push(
    { virtualGatewayName: 'ingress', gatewayRouteName: 'web', spec: { httpRoute: { match: { prefix: '/' }, action: to('web.shop.local') } } },
    { virtualGatewayName: 'ingress', gatewayRouteName: 'admin', spec: { httpRoute: { match: { prefix: '/admin', hostname: { exact: 'admin.shop.com' } }, action: to('admin.shop.local') } } },
  );
  return model;
}

describe('buildGraph with gateways', () => {
  it('draws the gateway as a node linking to its page and each gateway route as an edge to its service', () => {
    const graph = buildGraph(withGateway());
    const gateway = graph.nodes.find((n) => n.id === 'virtualGateway:ingress');
    assert.ok(gateway);
    assert.equal(gateway.label, 'ingress');
    assert.equal(gateway.detail, 'virtual gateway http 8080');
    assert.equal(gateway.href, '/meshes/shop/virtualGateways/ingress');
    const edges = graph.edges.filter((e) => e.kind === 'gatewayRoute').map((e) => ({ source: e.source, target: e.target, label: e.label, broken: e.broken }));
    assert.deepEqual(edges, [
      { source: 'virtualGateway:ingress', target: 'virtualService:admin.shop.local', label: 'admin admin.shop.com/admin', broken: true },
      { source: 'virtualGateway:ingress', target: 'virtualService:web.shop.local', label: 'web /', broken: false },
    ]);
    assert.equal(new Set(graph.edges.map((e) => e.id)).size, graph.edges.length, 'edge ids stay unique with two routes of one gateway');
  });

  it("puts the analysis finding about a missing target on the dangling service and the gateway's problems on the gateway", () => {
    const model = withGateway();
    const findings = analyzeMesh(model);
    const missingTarget = findings.find((f) => f.resource.kind === 'gatewayRoute' && f.resource.name === 'ingress/admin' && f.severity === 'error');
    assert.ok(missingTarget, `analysis reports the missing target (got ${findings.map((f) => f.code).join(', ')})`);
    const graph = buildGraph(model, findings);
    const dangling = graph.nodes.find((n) => n.id === 'virtualService:admin.shop.local');
    assert.equal(dangling?.missing, true);
    assert.ok(dangling?.findings.some((f) => f.message === missingTarget.message));
    const gateway = graph.nodes.find((n) => n.id === 'virtualGateway:ingress');
    assert.ok(gateway?.findings.some((f) => f.resource.name === 'ingress/admin'));
    assert.equal(gateway?.severity, 'error');
    assert.ok(!graph.meshFindings.some((f) => f.resource.kind === 'gatewayRoute' || f.resource.kind === 'virtualGateway'));
  });

  it('a gateway route of a gateway that does not exist starts at a missing gateway', () => {
    const model = withGateway();
    model.virtualGateways = [];
    const graph = buildGraph(model);
    assert.equal(graph.nodes.find((n) => n.id === 'virtualGateway:ingress')?.missing, true);
    assert.ok(graph.edges.filter((e) => e.kind === 'gatewayRoute').every((e) => e.broken));
  });

  it('lays gateways out in the first layer, where traffic enters', () => {
    const elk = toElkGraph(buildGraph(withGateway()));
    const gateway = elk.children?.find((c) => c.id === 'virtualGateway:ingress');
    assert.equal(gateway?.layoutOptions?.['elk.layered.layering.layerConstraint'], 'FIRST');
  });
});

describe('gateway sync badges', () => {
  it("reads gateways from the mesh-wide sync status under their own key and puts the badge on the gateway, never on a node", () => {
    const answer = {
      meshName: 'shop',
      nodes: { 'web-v1': { state: 'SYNCED' } },
      gateways: { ingress: { state: 'NACKED' }, idle: { state: 'DISCONNECTED' } },
    };
    const badges = meshSyncBadges(answer);
    assert.deepEqual([...badges], [['web-v1', 'SYNCED'], [gatewaySyncKey('ingress'), 'NACKED']]);
    const graph = buildGraph(withGateway(), [], badges);
    assert.equal(graph.nodes.find((n) => n.id === 'virtualGateway:ingress')?.sync, 'NACKED');
    assert.equal(graph.nodes.find((n) => n.id === 'virtualNode:web-v1')?.sync, 'SYNCED');
  });
});
