// The built console (apps/web/dist) with SPA fallback: any other GET gets index.html, so deep links work.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type Router } from 'express';

const notForTheSpa = /^\/(api|v20190125|healthz)(\/|$)/;

export function serveWebApp(distDir: string): Router {
  const router = express.Router();
  const root = resolve(distDir);
  const index = join(root, 'index.html');
  const files = express.static(root, { index: false });
  router.use((req, res, next) => {
    // Checked per request so a console built after the server started is still served.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || notForTheSpa.test(req.path) || !existsSync(index)) {
      next();
      return;
    }
    files(req, res, () => {
      res.sendFile(index);
    });
  });
  return router;
}
