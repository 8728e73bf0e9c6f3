// The console's endpoints under /api (HTTP contract in the team brief; OpenAPI at /api/openapi.json).
import express, { type Response, type Router } from 'express';
import { describeIssues, toEnvoyYaml, toFieldIssues, type MeshModel } from '@meshwright/model';
import { maxBodyBytes } from '../appmesh/router';
import type { ServiceContext } from '../appmesh/service-context';
import type { AppDeps } from '../deps';
import { refuseDuplicateKeys } from '../http/duplicate-keys';
import { BadRequestError, NotFoundError } from '../http/errors';
import { apiNotFound } from '../http/error-middleware';
import { createMeshFromBundle } from '../write/index';
import { loadModel, meshAnalysis, meshBundle, validateBundleDryRun } from './bundle-service';
import { envoyConfigQuery } from './contract';
import { bootstrapFor, gatewayBootstrapFor } from './envoy-yaml';
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
  // A virtual node's and a virtual gateway's bootstraps download alike; only what is compiled differs.
  for (const proxy of envoyProxies) {
    router.get(`/meshes/:mesh/${proxy.segment}/:${proxy.param}/envoy-config`, async (req, res) => {
      const { mode, format } = envoyQuery(req.query);
      const params: Record<string, string> = req.params;
      const mesh = params.mesh ?? '';
      const name = params[proxy.param] ?? '';
      const model = await loadModel(ctx, mesh);
      if (!proxy.exists(model, name)) {
        throw new NotFoundError(`${proxy.label} ${name} does not exist in mesh ${mesh}`, { resource: { kind: proxy.kind, name } });
      }
      const compiled = proxy.bootstrap(model, name, mode, ctx.config);
      // An ADS bootstrap carries a newly issued client certificate for this proxy (unless XDS_INSECURE=1).
      const ref = { meshName: mesh, kind: proxy.kind, name };
      const bootstrap = mode === 'ads' ? await adsBootstrapWithCertificate(compiled, ref, xdsCredentials, ctx.config, ctx.logger, res) : compiled;
      sendBootstrap(res, bootstrap, `${mesh}-${name}-${proxy.filePart}-${mode}.${format}`, format);
    });
  }
  proxyCertificateRoutes(router, xdsCredentials, ctx.config);
  router.use(apiNotFound);
  return router;
}

const envoyProxies = [
  {
    segment: 'virtualNodes',
    param: 'node',
    kind: 'virtualNode',
    label: 'virtual node',
    filePart: 'envoy',
    exists: (m: MeshModel, name: string) => m.virtualNodes.some((n) => n.virtualNodeName === name),
    bootstrap: bootstrapFor,
  },
  {
    segment: 'virtualGateways',
    param: 'gateway',
    kind: 'virtualGateway',
    label: 'virtual gateway',
    filePart: 'gateway-envoy',
    exists: (m: MeshModel, name: string) => m.virtualGateways.some((g) => g.virtualGatewayName === name),
    bootstrap: gatewayBootstrapFor,
  },
] as const;

function envoyQuery(query: unknown) {
  const parsed = envoyConfigQuery.safeParse(query, { reportInput: true });
  if (!parsed.success) throw new BadRequestError(describeIssues(toFieldIssues(parsed.error)));
  return parsed.data;
}

/** The bootstrap as a download, YAML or JSON; the name keeps to characters every file system takes. */
function sendBootstrap(res: Response, bootstrap: Record<string, unknown>, name: string, format: 'yaml' | 'json'): void {
  res.set('Content-Disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
  if (format === 'json') res.type('application/json').send(`${JSON.stringify(bootstrap, null, 2)}\n`);
  else res.type('application/yaml').send(toEnvoyYaml(bootstrap));
}
