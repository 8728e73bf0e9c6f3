// Mounts every operation of the App Mesh API model at its method and path; all 38 have a handler.
import express, { type RequestHandler, type Response, type Router } from 'express';
import type { Principal } from '../auth/access-keys';
import { checkAccess, operationAccessOf, visibleMeshes } from '../auth/access';
import type { AppConfig } from '../deps';
import { refuseDuplicateKeys } from '../http/duplicate-keys';
import { apiNotFound } from '../http/error-middleware';
import { validateOperation, validInput } from '../http/validate';
import { expressPath, type OperationBinding } from './api-model';
import { operationDefs, type OperationDef, type OperationName } from './operations';
import { operationBindings } from './operations.generated';
import { match, operationRoutes, type OperationRoute } from './operation-routes';
import type { ServiceContext } from './service-context';

/** App Mesh bodies are small; 1 MiB is generous and bounds what one request can make us parse. */
export const maxBodyBytes = 1024 * 1024;

/** The response body of an operation's output, as the principal may see it. */
export function responseBody(binding: OperationBinding, output: Record<string, unknown>, principal: Principal | undefined): unknown {
  if (binding.requestUri === '/v20190125/meshes' && binding.method === 'GET') output.meshes = visibleMeshes(principal, output.meshes);
  // Where the model names a payload member, that member alone is the body.
  return binding.payload ? output[binding.payload] : output;
}

async function answer(ctx: ServiceContext, binding: OperationBinding, def: OperationDef, res: Response): Promise<void> {
  const output = await def.handle(ctx, res.locals.input);
  res.status(200).json(responseBody(binding, output, res.locals.auth?.principal));
}

function handler(ctx: ServiceContext, binding: OperationBinding, def: OperationDef): RequestHandler {
  return (_req, res) => answer(ctx, binding, def, res);
}

/**
 * One layer for every App Mesh operation, before appMeshAccess and appMeshRouter: the same access
 * check, validation and handler they run, for the requests the precompiled table matches exactly, in
 * one table lookup instead of a path-to-regexp per Express route layer. Anything it does not match
 * (HEAD, OPTIONS, a trailing slash, other letter case, bad percent-encoding, an unknown path) goes on
 * to those routes, which answer it as they always did. The body was parsed by readBody already; the
 * router's own JSON parser finds it read and does nothing, so skipping it changes nothing.
 */
export function appMeshOperations(ctx: ServiceContext, config: AppConfig): RequestHandler {
  const byMethod = new Map<string, OperationRoute[]>();
  for (const route of operationRoutes()) byMethod.set(route.binding.method, [...(byMethod.get(route.binding.method) ?? []), route]);
  return async (req, res, next) => {
    const routes = byMethod.get(req.method);
    const path = req.path;
    const found = routes !== undefined && path.startsWith('/v20190125/') ? match(routes, path) : undefined;
    if (!found) return next();
    const { route, params } = found;
    const query = req.query as Record<string, unknown>;
    const body = req.body as unknown;
    const { access, resource } = operationAccessOf(config, route.name, route.binding, { params, query, body });
    checkAccess(res, access, resource);
    res.locals.input = validInput(route.binding, route.def.schema, body, params, query);
    await answer(ctx, route.binding, route.def, res);
  };
}

export function appMeshRouter(ctx: ServiceContext): Router {
  const router = express.Router();
  // Any content type: SDKs send application/json, curl users often send nothing.
  router.use('/v20190125', express.json({ limit: maxBodyBytes, type: () => true, strict: false, verify: refuseDuplicateKeys }));
  for (const [name, binding] of Object.entries(operationBindings) as [OperationName, OperationBinding][]) {
    const def = operationDefs.get(name);
    // operations.test.ts proves every binding has a handler; a gap is a programming error, found at startup.
    if (!def) throw new Error(`no handler for App Mesh operation ${name}`);
    const handlers = [validateOperation(binding, def.schema), handler(ctx, binding, def)];
    const route = router.route(expressPath(binding.requestUri));
    switch (binding.method) {
      case 'GET':
        route.get(...handlers);
        break;
      case 'PUT':
        route.put(...handlers);
        break;
      case 'DELETE':
        route.delete(...handlers);
        break;
      case 'POST':
        route.post(...handlers);
        break;
      default:
        throw new Error(`unexpected method ${binding.method} for ${name}`);
    }
  }
  router.use('/v20190125', apiNotFound);
  return router;
}
