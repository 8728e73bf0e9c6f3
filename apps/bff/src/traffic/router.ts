// Console endpoints of the traffic collectors, mounted under /api beside the xDS ones:
//   GET /meshes/{mesh}/traffic?window=60s|5m|15m                 edges in mesh terms
//   GET /meshes/{mesh}/virtualNodes/{node}/traffic?window=        the node's 10 s points (charts)
//   GET /meshes/{mesh}/virtualNodes/{node}/access-log?limit=&status=   newest lines first
//   GET /meshes/{mesh}/virtualNodes/{node}/access-log/stream      SSE: `line` events as Envoy sends them
import { Router, type Request, type Response } from 'express';
import { describeIssues, quantile, toFieldIssues, trafficEdges, type MeshModel } from '@meshwright/model';
import { z } from 'zod';
import { matchesStatus } from './access-log-store';
import { accessLogQuery, trafficQuery, trafficWindows } from './contract';
import type { Traffic } from './traffic';

type Params = { mesh: string; node?: string };

function parse<T extends z.ZodType>(schema: T, query: unknown, res: Response): z.infer<T> | undefined {
  const parsed = schema.safeParse(query, { reportInput: true });
  if (parsed.success) return parsed.data;
  res.status(400).set('x-amzn-ErrorType', 'BadRequestException').json({ message: describeIssues(toFieldIssues(parsed.error)) });
  return undefined;
}

export function createTrafficRouter(traffic: Traffic, loadMeshModel: (mesh: string) => Promise<MeshModel | undefined>): Router {
  const router = Router();
  const found = async (req: Request<Params>, res: Response): Promise<MeshModel | undefined> => {
    const model = await loadMeshModel(req.params.mesh);
    const node = req.params.node;
    const missing = !model ? `mesh ${req.params.mesh} does not exist` : node !== undefined && !model.virtualNodes.some((n) => n.virtualNodeName === node) ? `virtual node ${node} does not exist in mesh ${req.params.mesh}` : undefined;
    if (missing || !model) {
      res.status(404).set('x-amzn-ErrorType', 'NotFoundException').json({ message: missing });
      return undefined;
    }
    return model;
  };

  router.get('/meshes/:mesh/traffic', async (req: Request<Params>, res: Response) => {
    const q = parse(trafficQuery, req.query, res);
    const model = q && (await found(req, res));
    if (!q || !model) return;
    const ms = trafficWindows[q.window];
    res.json({ window: q.window, edges: trafficEdges(model, traffic.window.clusters(req.params.mesh, ms), ms / 1000) });
  });

  router.get('/meshes/:mesh/virtualNodes/:node/traffic', async (req: Request<Params>, res: Response) => {
    const q = parse(trafficQuery, req.query, res);
    const model = q && (await found(req, res));
    if (!q || !model) return;
    const rows = traffic.window.timeline(req.params.mesh, { kind: 'virtualNode', name: req.params.node ?? '' }, trafficWindows[q.window]);
    const p99 = (b: Parameters<typeof quantile>[0]) => {
      const v = quantile(b, 0.99);
      return v === undefined ? null : Math.round(v * 10) / 10;
    };
    res.json({ window: q.window, points: rows.map((r) => ({ t: r.t, requests: r.requests, errors: r.errors, p99Ms: p99(r.latency) })) });
  });

  router.get('/meshes/:mesh/virtualNodes/:node/access-log', async (req: Request<Params>, res: Response) => {
    const q = parse(accessLogQuery, req.query, res);
    const model = q && (await found(req, res));
    if (!q || !model) return;
    res.json({ lines: traffic.logs.recent(req.params.mesh, { kind: 'virtualNode', name: req.params.node ?? '' }, q.limit, q.status) });
  });

  router.get('/meshes/:mesh/virtualNodes/:node/access-log/stream', async (req: Request<Params>, res: Response) => {
    const q = parse(accessLogQuery.pick({ status: true }), req.query, res);
    const model = q && (await found(req, res));
    if (!q || !model) return;
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.write('retry: 2000\n\n');
    const unsubscribe = traffic.logs.subscribe(req.params.mesh, { kind: 'virtualNode', name: req.params.node ?? '' }, (line) => {
      if (matchesStatus(line, q.status)) res.write(`event: line\ndata: ${JSON.stringify(line)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
  return router;
}
