// Console endpoints of the control plane, mounted by the BFF under /api:
//   GET /meshes/{mesh}/virtualNodes/{node}/sync-status  the node's proxies and per-type xDS state
//   GET /meshes/{mesh}/virtualGateways/{gateway}/sync-status  the same for a virtual gateway's proxies
//   GET /meshes/{mesh}/sync-status  the same for every node and gateway of the mesh that has or had a proxy, in one answer
//   GET /events  server-sent events: `change` {meshName} after writes, `sync` {meshName, proxyKind, virtualNodeName | virtualGatewayName, status},
//                only for the meshes the caller's key may read
import { Router, type Request, type Response } from 'express';
import { canSeeMesh } from '../auth/policy';
import type { XdsServer } from './ads-server';
import type { XdsEvents } from './xds-events';

const HEARTBEAT_MS = 15_000;

export function createXdsRouter(xds: Pick<XdsServer, 'core'>): Router {
  const router = Router();

  router.get('/meshes/:mesh/virtualNodes/:node/sync-status', async (req: Request<{ mesh: string; node: string }>, res: Response) => {
    const ref = { meshName: req.params.mesh, nodeName: req.params.node };
    const exists = await xds.core.status.nodeExists(ref);
    if (exists !== true) {
      res.status(404).set('x-amzn-ErrorType', 'NotFoundException').json({ message: exists });
      return;
    }
    res.json(xds.core.status.nodeStatus(ref));
  });

  router.get('/meshes/:mesh/virtualGateways/:gateway/sync-status', async (req: Request<{ mesh: string; gateway: string }>, res: Response) => {
    const ref = { meshName: req.params.mesh, nodeName: req.params.gateway, kind: 'virtualGateway' as const };
    const exists = await xds.core.status.nodeExists(ref);
    if (exists !== true) {
      res.status(404).set('x-amzn-ErrorType', 'NotFoundException').json({ message: exists });
      return;
    }
    res.json(xds.core.status.gatewayStatus(ref.meshName, ref.nodeName));
  });

  router.get('/meshes/:mesh/sync-status', async (req: Request<{ mesh: string }>, res: Response) => {
    const status = await xds.core.status.meshSyncStatus(req.params.mesh);
    if (typeof status === 'string') {
      res.status(404).set('x-amzn-ErrorType', 'NotFoundException').json({ message: status });
      return;
    }
    res.json(status);
  });

  router.get('/events', (req: Request, res: Response) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    // A key scoped to meshes hears only of those. No principal only when the router runs without the
    // BFF's authentication in front (its own tests); in the BFF every /api request has one.
    const caller = res.locals.auth?.principal;
    const send = (event: string, data: { meshName: string }) => {
      if (caller && !canSeeMesh(caller, data.meshName)) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const onChange = (e: XdsEvents['change'][0]) => send('change', e);
    const onSync = (e: XdsEvents['sync'][0]) => send('sync', e);
    xds.core.events.on('change', onChange);
    xds.core.events.on('sync', onSync);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      xds.core.events.off('change', onChange);
      xds.core.events.off('sync', onSync);
    });
  });

  return router;
}
