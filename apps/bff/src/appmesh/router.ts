// Mounts every operation of the App Mesh API model at its method and path; all 38 have a handler.
import express, { type RequestHandler, type Router } from 'express';
import type { Principal } from '../auth/access-keys';
import { visibleMeshes } from '../auth/access';
import { refuseDuplicateKeys } from '../http/duplicate-keys';
import { apiNotFound } from '../http/error-middleware';
import { validateOperation } from '../http/validate';
import { expressPath, type OperationBinding } from './api-model';
import { operationDefs, type OperationDef, type OperationName } from './operations';
import { operationBindings } from './operations.generated';
import type { ServiceContext } from './service-context';

/** App Mesh bodies are small; 1 MiB is generous and bounds what one request can make us parse. */
export const maxBodyBytes = 1024 * 1024;

/** The response body of an operation's output, as the principal may see it. */
export function responseBody(binding: OperationBinding, output: Record<string, unknown>, principal: Principal | undefined): unknown {
  if (binding.requestUri === '/v20190125/meshes' && binding.method === 'GET') output.meshes = visibleMeshes(principal, output.meshes);
  // Where the model names a payload member, that member alone is the body.
  return binding.payload ? output[binding.payload] : output;
}

function handler(ctx: ServiceContext, binding: OperationBinding, def: OperationDef): RequestHandler {
  return async (_req, res) => {
    const output = await def.handle(ctx, res.locals.input);
    res.status(200).json(responseBody(binding, output, res.locals.auth?.principal));
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
