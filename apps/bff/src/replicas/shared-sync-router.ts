// The console's sync-status endpoints over every replica (mounted before the xDS router on PostgreSQL,
// same paths and answer shapes): the proxies come from the shared table, the config error from this
// replica's own cache (every replica compiles the same mesh from the same database).
import { Router, type Request, type Response } from 'express';
import type { MeshModel } from '@meshwright/model';
import type { XdsControlPlane } from '../xds/control-plane';
import type { NodeRef } from '../xds/node-id';
import { nodeState, type GatewaySyncStatus, type NodeSyncStatus } from '../xds/sync-status';
import type { SharedSyncStatus } from './shared-sync-status';

export interface SharedSyncRouterDeps {
  core: XdsControlPlane;
  shared: SharedSyncStatus;
  loadMeshModel(meshName: string): Promise<MeshModel | undefined>;
}

const notFound = (res: Response, message: string) => res.status(404).set('x-amzn-ErrorType', 'NotFoundException').json({ message });

export function createSharedSyncRouter(deps: SharedSyncRouterDeps): Router {
  const router = Router();
  const nodeStatus = async (ref: NodeRef): Promise<NodeSyncStatus> => {
    const proxies = await deps.shared.proxiesOf(ref);
    return { meshName: ref.meshName, proxyKind: 'virtualNode', virtualNodeName: ref.nodeName, state: nodeState(proxies), configError: deps.core.status.nodeStatus(ref).configError, proxies };
  };
  const gatewayStatus = async (meshName: string, name: string): Promise<GatewaySyncStatus> => {
    const proxies = await deps.shared.proxiesOf({ meshName, nodeName: name, kind: 'virtualGateway' });
    const local = deps.core.status.gatewayStatus(meshName, name);
    return { meshName, proxyKind: 'virtualGateway', virtualGatewayName: name, state: nodeState(proxies), configError: local.configError, proxies };
  };

  router.get('/meshes/:mesh/virtualNodes/:node/sync-status', async (req: Request<{ mesh: string; node: string }>, res: Response) => {
    const ref = { meshName: req.params.mesh, nodeName: req.params.node };
    const exists = await deps.core.status.nodeExists(ref);
    if (exists !== true) return void notFound(res, exists);
    res.json(await nodeStatus(ref));
  });

  router.get('/meshes/:mesh/virtualGateways/:gateway/sync-status', async (req: Request<{ mesh: string; gateway: string }>, res: Response) => {
    const ref = { meshName: req.params.mesh, nodeName: req.params.gateway, kind: 'virtualGateway' as const };
    const exists = await deps.core.status.nodeExists(ref);
    if (exists !== true) return void notFound(res, exists);
    res.json(await gatewayStatus(ref.meshName, ref.nodeName));
  });

  router.get('/meshes/:mesh/sync-status', async (req: Request<{ mesh: string }>, res: Response) => {
    const meshName = req.params.mesh;
    const model = await deps.loadMeshModel(meshName);
    if (!model) return void notFound(res, `Mesh ${meshName} not found`);
    const existing = new Set(model.virtualNodes.map((n) => n.virtualNodeName));
    const existingGateways = new Set(model.virtualGateways.map((g) => g.virtualGatewayName));
    // In name order (nodesOf sorts), as the single-replica answer lists them.
    const seen = await deps.shared.nodesOf(meshName);
    const seenNodes = seen.filter((r) => r.kind !== 'virtualGateway' && existing.has(r.nodeName));
    const seenGateways = seen.filter((r) => r.kind === 'virtualGateway' && existingGateways.has(r.nodeName));
    const nodes = await Promise.all(seenNodes.map(async (ref) => [ref.nodeName, await nodeStatus(ref)] as const));
    const gateways = await Promise.all(seenGateways.map(async (ref) => [ref.nodeName, await gatewayStatus(meshName, ref.nodeName)] as const));
    // fromEntries defines own properties, so even a node named __proto__ is an ordinary key.
    res.json({ meshName, nodes: Object.fromEntries(nodes), gateways: Object.fromEntries(gateways) });
  });
  return router;
}
