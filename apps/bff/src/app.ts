// createApp: the Express app from its dependencies. server.ts only reads configuration and listens.
import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import { fastReads } from './appmesh/fast-read';
import { fastWrites } from './appmesh/fast-write';
import { appMeshOperations, appMeshRouter } from './appmesh/router';
import { appMeshAccess, consoleAccess } from './auth/access';
import { createAuthContext } from './auth/auth-context';
import { adminRoutes, sessionRoutes } from './auth/auth-routes';
import { recordRequests } from './auth/audit-trail';
import { authenticate } from './auth/authenticate';
import { bodyError, readBody } from './auth/raw-body';
import { createServiceContext } from './appmesh/service-context';
import { consoleRouter } from './console/router';
import { serveWebApp } from './console/static-web';
import type { AppDeps } from './deps';
import { errorMiddleware } from './http/error-middleware';
import { inSeries } from './http/in-series';
import { answersHost, hostCheck, sameOriginJson } from './http/request-guards';
import { refuseUnknownTransferEncoding } from './http/transfer-encoding';

/** Express's own entry point (app.handle), which app(req, res) calls. */
type Dispatch = (req: IncomingMessage, res: ServerResponse, callback?: (err?: unknown) => void) => void;

export function createApp(deps: AppDeps): Express {
  const ctx = createServiceContext(deps);
  const app = express();
  app.disable('x-powered-by');
  // API answers change with every write; hashing each body for an ETag is wasted work.
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(refuseUnknownTransferEncoding);
  const auth = createAuthContext(deps);
  if (deps.metrics) {
    app.use(deps.metrics.requests);
    // Before the host check and authentication: scrapers address pods by IP and do not sign (see server-metrics.ts).
    app.get('/metrics', deps.metrics.endpoint);
  }
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Readiness, apart from liveness: a load balancer sends traffic only while the store answers.
  app.get('/readyz', (_req, res) => {
    if (deps.draining?.()) return void res.status(503).json({ status: 'draining', message: 'this server is shutting down' });
    ctx.store.count({ kind: 'mesh' }).then(() => ctx.store.checkReady?.()).then(
      () => res.json({ status: 'ready' }),
      (err: unknown) => res.status(503).json({ status: 'unavailable', message: `the store does not answer: ${err instanceof Error ? err.message : String(err)}` }),
    );
  });
  // After /healthz, so probes that address the server by a pod IP still get their answer.
  app.use(hostCheck(deps.config.allowedHosts ?? []));
  // Authentication: every API and console request but the login (healthz, readyz and the console's
  // files are outside these paths). The body is read first because SigV4 signs its bytes.
  app.use(['/v20190125', '/api'], inSeries(sameOriginJson, recordRequests(auth.audit, ctx.now, ctx.newId), readBody()));
  app.use('/api', sessionRoutes(auth));
  app.use(['/v20190125', '/api'], inSeries(authenticate(auth), bodyError));
  app.use(appMeshOperations(ctx, deps.config));
  app.use(appMeshAccess(deps.config));
  app.use(appMeshRouter(ctx));
  app.use('/api', consoleAccess(), adminRoutes(auth));
  app.use('/api', consoleRouter(ctx, deps.extraRoutes, deps.xdsCredentials));
  if (deps.config.webDist) app.use(serveWebApp(deps.config.webDist));
  app.use(errorMiddleware(ctx.logger));
  // Signed App Mesh reads that succeed, and signed writes that pass every check, are answered before
  // Express dispatches at all, checked exactly as the stack above checks them (see fast-read.ts and
  // fast-write.ts); every other request goes through Express as is.
  const hosts = answersHost(deps.config.allowedHosts ?? []);
  const reads = fastReads(ctx, auth, hosts, deps.metrics);
  const writes = fastWrites(ctx, auth, hosts, deps.metrics);
  const dispatch = (app as unknown as { handle: Dispatch }).handle.bind(app);
  (app as unknown as { handle: Dispatch }).handle = (req, res, callback) =>
    reads(req, res, () => writes(req, res, () => dispatch(req, res, callback)));
  return app;
}
