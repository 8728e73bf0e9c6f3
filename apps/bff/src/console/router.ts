// The console's endpoints under /api (HTTP contract in the team brief; OpenAPI at /api/openapi.json).
import express, { type Router } from 'express';
import { describeIssues, toEnvoyYaml, toFieldIssues } from '@meshwright/model';
import { maxBodyBytes } from '../appmesh/router';
import type { ServiceContext } from '../appmesh/service-context';
import type { AppDeps } from '../deps';
import { refuseDuplicateKeys } from '../http/duplicate-keys';
import { BadRequestError, NotFoundError } from '../http/errors';
import { apiNotFound } from '../http/error-middleware';
import { createMeshFromBundle } from '../write/index';
import { loadModel, meshAnalysis, meshBundle, validateBundleDryRun } from './bundle-service';
import { envoyConfigQuery } from './contract';
import { bootstrapFor } from './envoy-yaml';
import { adsBootstrapWithCertificate, proxyCertificateRoutes } from './proxy-certificates';
import type { XdsCredentials } from '../xds/tls/xds-credentials';
import { openApiDocument } from './openapi';

export function consoleRouter(ctx: ServiceContext, extraRoutes: AppDeps['extraRoutes'], xdsCredentials?: XdsCredentials): Router {
  const router = express.Router();
  router.use(express.json({ limit: maxBodyBytes, type: () => true, strict: false, verify: refuseDuplicateKeys }));
  extraRoutes?.(router);

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  router.get('/meshes/:mesh/bundle', async (req, res) => {
    res.json(await meshBundle(ctx, req.params.mesh));
  });
  router.get('/meshes/:mesh/analysis', async (req, res) => {
    res.json(await meshAnalysis(ctx, req.params.mesh));
  });
  router.post('/bundles/validate', async (req, res) => {
    res.json(await validateBundleDryRun(ctx, req.body));
  });
  router.post('/bundles', async (req, res) => {
    res.status(201).json(await createMeshFromBundle(ctx, req.body));
  });
  router.get('/meshes/:mesh/virtualNodes/:node/envoy-config', async (req, res) => {
    const query = envoyConfigQuery.safeParse(req.query, { reportInput: true });
    if (!query.success) throw new BadRequestError(describeIssues(toFieldIssues(query.error)));
    const { mode, format } = query.data;
    const { mesh, node } = req.params;
    const model = await loadModel(ctx, mesh);
    if (!model.virtualNodes.some((n) => n.virtualNodeName === node)) {
      throw new NotFoundError(`virtual node ${node} does not exist in mesh ${mesh}`, { resource: { kind: 'virtualNode', name: node } });
    }
    const compiled = bootstrapFor(model, node, mode, ctx.config);
    const proxy = { meshName: mesh, kind: 'virtualNode', name: node } as const;
    const bootstrap = mode === 'ads' ? await adsBootstrapWithCertificate(compiled, proxy, xdsCredentials, ctx.config, ctx.logger) : compiled;
    const filename = `${mesh}-${node}-envoy-${mode}.${format}`.replace(/[^A-Za-z0-9._-]/g, '_');
    res.set('Content-Disposition', `attachment; filename="${filename}"`);
    if (format === 'json') res.type('application/json').send(`${JSON.stringify(bootstrap, null, 2)}\n`);
    else res.type('application/yaml').send(toEnvoyYaml(bootstrap));
  });
  proxyCertificateRoutes(router, xdsCredentials);
  router.use(apiNotFound);
  return router;
}
