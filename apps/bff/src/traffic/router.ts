// Console endpoints of the traffic collectors, mounted under /api beside the xDS ones:
//   GET /meshes/{mesh}/traffic?window=60s|5m|15m                   edges, gateway routes and proxy health
//   GET /meshes/{mesh}/virtualNodes/{node}/traffic?window=          the node's 10 s points (charts)
//   GET /meshes/{mesh}/virtualGateways/{gateway}/traffic?window=    the same for a gateway
//   GET /meshes/{mesh}/virtualRouters/{router}/routes/{route}/traffic?window=   a route's points
//   GET /meshes/{mesh}/{virtualNodes|virtualGateways}/{name}/access-log?limit=&status=   newest lines first
//   GET /meshes/{mesh}/{virtualNodes|virtualGateways}/{name}/access-log/stream           SSE `line` events
import { Router, type Request, type Response } from 'express';
import {
  describeIssues, gatewayRouteTraffic, isClusterScope, proxyHealth, quantile, routeScope, routeStatPrefix, toFieldIssues, trafficEdges,
  type MeshModel, type ProxyRef,
} from '@meshwright/model';
import { z } from 'zod';
import { matchesStatus } from './access-log-store';
import { accessLogQuery, trafficQuery, trafficWindows } from './contract';
import type { Traffic } from './traffic';

type Params = { mesh: string; node?: string; gateway?: string; router?: string; route?: string };

function parse<T extends z.ZodType>(schema: T, query: unknown, res: Response): z.infer<T> | undefined {
  const parsed = schema.safeParse(query, { reportInput: true });
  if (parsed.success) return parsed.data;
  res.status(400).set('x-amzn-ErrorType', 'BadRequestException').json({ message: describeIssues(toFieldIssues(parsed.error)) });
  return undefined;
}

const proxyKinds = [
  { path: 'virtualNodes', param: 'node', kind: 'virtualNode', label: 'virtual node', exists: (m: MeshModel, n: string) => m.virtualNodes.some((x) => x.virtualNodeName === n) },
  { path: 'virtualGateways', param: 'gateway', kind: 'virtualGateway', label: 'virtual gateway', exists: (m: MeshModel, n: string) => m.virtualGateways.some((x) => x.virtualGatewayName === n) },
] as const;

const p99 = (b: Parameters<typeof quantile>[0]) => {
  const v = quantile(b, 0.99);
  return v === undefined ? null : Math.round(v * 10) / 10;
};

export function createTrafficRouter(traffic: Traffic, loadMeshModel: (mesh: string) => Promise<MeshModel | undefined>): Router {
  const router = Router();
  /** The mesh's model, or a 404 naming what does not exist. */
  const found = async (req: Request<Params>, res: Response, missingIn: (m: MeshModel) => string | undefined = () => undefined): Promise<MeshModel | undefined> => {
    const model = await loadMeshModel(req.params.mesh);
    const missing = !model ? `mesh ${req.params.mesh} does not exist` : missingIn(model);
    if (missing || !model) {
      res.status(404).set('x-amzn-ErrorType', 'NotFoundException').json({ message: missing });
      return undefined;
    }
    return model;
  };
  const points = (mesh: string, pick: (source: ProxyRef, scope: string) => boolean, window: keyof typeof trafficWindows) =>
    traffic.window.timeline(mesh, pick, trafficWindows[window]).map((r) => ({ t: r.t, requests: r.requests, errors: r.errors, p99Ms: p99(r.latency) }));

  router.get('/meshes/:mesh/traffic', async (req: Request<Params>, res: Response) => {
    const q = parse(trafficQuery, req.query, res);
    const model = q && (await found(req, res));
    if (!q || !model) return;
    const ms = trafficWindows[q.window];
    const scopes = traffic.window.scopes(req.params.mesh, ms);
    res.json({ window: q.window, edges: trafficEdges(model, scopes, ms / 1000), gatewayRoutes: gatewayRouteTraffic(model, scopes, ms / 1000), proxies: proxyHealth(model, scopes) });
  });

  router.get('/meshes/:mesh/virtualRouters/:router/routes/:route/traffic', async (req: Request<Params>, res: Response) => {
    const { router: vr = '', route = '' } = req.params;
    const q = parse(trafficQuery, req.query, res);
    const model = q && (await found(req, res, (m) => (m.routes.some((r) => r.virtualRouterName === vr && r.routeName === route) ? undefined : `route ${route} of virtual router ${vr} does not exist in mesh ${req.params.mesh}`)));
    if (!q || !model) return;
    // The route's own stats in every caller's egress (compile's Route.stat_prefix), so exactly this route's requests.
    const prefix = routeStatPrefix(vr, route);
    res.json({ window: q.window, points: points(req.params.mesh, (_, scope) => routeScope(scope)?.statPrefix === prefix, q.window) });
  });

  for (const k of proxyKinds) {
    const base = `/meshes/:mesh/${k.path}/:${k.param}`;
    const nameOf = (req: Request<Params>) => req.params[k.param] ?? '';
    const proxyOf = (req: Request<Params>): ProxyRef => ({ kind: k.kind, name: nameOf(req) });
    const exists = (req: Request<Params>) => (m: MeshModel) => (k.exists(m, nameOf(req)) ? undefined : `${k.label} ${nameOf(req)} does not exist in mesh ${req.params.mesh}`);

    router.get(`${base}/traffic`, async (req: Request<Params>, res: Response) => {
      const q = parse(trafficQuery, req.query, res);
      const model = q && (await found(req, res, exists(req)));
      if (!q || !model) return;
      const me = proxyOf(req);
      // Its clusters only: the route and listener scopes count the same requests again.
      res.json({ window: q.window, points: points(req.params.mesh, (s, scope) => s.kind === me.kind && s.name === me.name && isClusterScope(scope), q.window) });
    });

    router.get(`${base}/access-log`, async (req: Request<Params>, res: Response) => {
      const q = parse(accessLogQuery, req.query, res);
      const model = q && (await found(req, res, exists(req)));
      if (!q || !model) return;
      res.json({ lines: traffic.logs.recent(req.params.mesh, proxyOf(req), q.limit, q.status) });
    });

    router.get(`${base}/access-log/stream`, async (req: Request<Params>, res: Response) => {
      const q = parse(accessLogQuery.pick({ status: true }), req.query, res);
      const model = q && (await found(req, res, exists(req)));
      if (!q || !model) return;
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
      res.write('retry: 2000\n\n');
      const unsubscribe = traffic.logs.subscribe(req.params.mesh, proxyOf(req), (line) => {
        if (matchesStatus(line, q.status)) res.write(`event: line\ndata: ${JSON.stringify(line)}\n\n`);
      });
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
    });
  }
  return router;
}
