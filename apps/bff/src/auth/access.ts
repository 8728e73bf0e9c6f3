// Names what each request does (for refusals and the audit trail) and asks the policy whether its
// key may: every App Mesh operation by its API-model path, and the console's endpoints.
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { expressPath, type OperationBinding } from '../appmesh/api-model';
import { operationBindings } from '../appmesh/operations.generated';
import type { AppConfig } from '../deps';
import { ForbiddenError } from '../http/errors';
import { claimedMeshName } from '../write/mesh-write';
import type { Principal } from './access-keys';
import { canSeeMesh, refusal, type Access } from './policy';
import { principal, requestAuth } from './request-auth';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const bodyField = (req: { body: unknown }, name: string) => (typeof req.body === 'object' && req.body !== null ? str((req.body as Record<string, unknown>)[name]) : undefined);

/** `arn:aws:appmesh:<region>:<account>:mesh/<mesh>/...` -> mesh. */
export function meshOfArn(arn: string | undefined): string | undefined {
  const m = /^arn:[^:]+:appmesh:[^:]*:[^:]*:mesh\/([^/]+)/.exec(arn ?? '');
  return m?.[1];
}

/** The ARN-style resource of an App Mesh request, from its URL parameters and body names. */
const resourcePath: [field: string, kind: string][] = [
  ['virtualRouterName', 'virtualRouter'],
  ['routeName', 'route'],
  ['virtualGatewayName', 'virtualGateway'],
  ['gatewayRouteName', 'gatewayRoute'],
  ['virtualNodeName', 'virtualNode'],
  ['virtualServiceName', 'virtualService'],
];

/** Records what the request does (for the audit trail) and throws the ForbiddenError when the policy refuses it. */
export function checkAccess(res: Response, access: Access, resource: string): void {
  const auth = requestAuth(res);
  auth.operation = access.action;
  auth.resource = resource;
  if (access.mesh !== undefined) auth.mesh = access.mesh;
  const why = refusal(principal(res), access);
  if (why) throw new ForbiddenError(why);
}

/** What an App Mesh request asks to do (for the policy) and the resource it names (for the audit trail). */
export function operationAccessOf(
  config: AppConfig,
  name: string,
  binding: OperationBinding,
  req: { params: Record<string, string | undefined>; query: Record<string, unknown>; body: unknown },
): { access: Access; resource: string } {
  const arn = str(req.query.resourceArn);
  const mesh = fieldOf(req, 'meshName') ?? meshOfArn(arn);
  return { access: { action: actionOf(name), write: binding.method !== 'GET', mesh }, resource: arn ?? (mesh === undefined ? '' : resourceArn(config, mesh, req)) };
}

type AccessRequest = Parameters<typeof operationAccessOf>[3];
/** A name from the URL, else from the body. */
const fieldOf = (req: AccessRequest, f: string) => req.params[f] ?? bodyField(req, f);

/** `arn:aws:appmesh:<region>:<account>:mesh/<mesh>/<kind>/<name>...` for the names the request carries. */
function resourceArn(config: AppConfig, mesh: string, req: AccessRequest): string {
  let arn = `arn:aws:appmesh:${config.region}:${config.accountId}:mesh/${mesh}`;
  for (const [f, kind] of resourcePath) {
    const value = fieldOf(req, f);
    if (value) arn += `/${kind}/${value}`;
  }
  return arn;
}

/** `appmesh:<Operation>`, made once per operation name. */
const actions = new Map<string, string>();
function actionOf(name: string): string {
  let action = actions.get(name);
  if (action === undefined) actions.set(name, (action = `appmesh:${name}`));
  return action;
}

function operationAccess(config: AppConfig, name: string, binding: OperationBinding): RequestHandler {
  return (req, res, next) => {
    const { access, resource } = operationAccessOf(config, name, binding, {
      params: req.params as Record<string, string | undefined>,
      query: req.query as Record<string, unknown>,
      body: req.body as unknown,
    });
    checkAccess(res, access, resource);
    next('router');
  };
}

/** Before the App Mesh router: each operation's access check, found by the same paths. */
export function appMeshAccess(config: AppConfig): Router {
  const router = express.Router();
  for (const [name, binding] of Object.entries(operationBindings) as [string, OperationBinding][]) {
    const route = router.route(expressPath(binding.requestUri));
    const h = operationAccess(config, name, binding);
    if (binding.method === 'GET') route.get(h);
    else if (binding.method === 'PUT') route.put(h);
    else if (binding.method === 'DELETE') route.delete(h);
    else route.post(h);
  }
  return router;
}

/** ListMeshes for a key scoped to meshes lists only those. */
export function visibleMeshes(p: Principal | undefined, meshes: unknown): unknown {
  if (!p || !Array.isArray(meshes)) return meshes;
  return meshes.filter((m: unknown) => typeof m === 'object' && m !== null && 'meshName' in m && typeof m.meshName === 'string' && canSeeMesh(p, m.meshName));
}

const pathOf = (req: Request) => req.originalUrl.split('?')[0] ?? '';
const safe = (req: Request) => ['GET', 'HEAD', 'OPTIONS'].includes(req.method);

/** Before the console's endpoints under /api. */
export function consoleAccess(): Router {
  const router = express.Router();
  // Proxy certificates name every mesh's proxies and revoking one cuts a proxy off: admins only.
  router.use(['/keys', '/audit', '/proxy-certificates'], (req, res, next) => {
    checkAccess(res, { action: `console:${req.method} ${pathOf(req)}`, write: !safe(req), adminOnly: true }, pathOf(req));
    next();
  });
  // Middleware, not routes: the console's own routes (and the OpenAPI check of them) stay the only routes.
  router.use('/bundles', (req, res, next) => {
    if (req.method === 'POST' && req.path === '/validate') checkAccess(res, { action: 'console:ValidateBundle', write: false }, '');
    else if (req.method === 'POST' && req.path === '/') {
      const mesh = claimedMeshName(req.body);
      checkAccess(res, { action: 'console:CreateMeshFromBundle', write: true, mesh }, mesh === undefined ? '' : `mesh/${mesh}`);
    }
    next();
  });
  router.use('/meshes/:mesh', (req, res, next) => {
    const { mesh } = req.params as { mesh: string };
    checkAccess(res, { action: `console:${req.method} ${pathOf(req)}`, write: !safe(req), mesh }, `mesh/${mesh}`);
    next();
  });
  // Any other console write (endpoints added later) is at least refused to viewers.
  router.use((req, res, next) => {
    if (!safe(req) && requestAuth(res).operation === undefined) checkAccess(res, { action: `console:${req.method} ${pathOf(req)}`, write: true }, pathOf(req));
    next();
  });
  return router;
}
