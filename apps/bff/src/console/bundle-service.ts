// Whole-mesh operations for the console: validate (dry run), atomic create, read back, analyse.
// The dry run and the create share the write path's checks (../write), so they never disagree.
import { analyzeMesh, bundleFromMeshModel, hasErrors, type MeshModel } from '@meshwright/model';
import type { ServiceContext } from '../appmesh/service-context';
import { NotFoundError } from '../http/errors';
import { judgeBundle } from '../write/index';
import { envoyYamlByGateway, envoyYamlByNode } from './envoy-yaml';

export async function validateBundleDryRun(ctx: ServiceContext, body: unknown) {
  const { model, findings } = await judgeBundle(ctx, body);
  const valid = model !== undefined && !hasErrors(findings);
  const ok = valid && model ? model : undefined;
  return { valid, findings, envoy: ok ? envoyYamlByNode(ok, ctx.config) : {}, gatewayEnvoy: ok ? envoyYamlByGateway(ok, ctx.config) : {} };
}

export async function loadModel(ctx: ServiceContext, meshName: string): Promise<MeshModel> {
  const model = await ctx.store.loadMeshModel(meshName);
  if (!model) throw new NotFoundError(`mesh ${meshName} does not exist`, { resource: { kind: 'mesh', name: meshName } });
  return model;
}

export async function meshBundle(ctx: ServiceContext, meshName: string) {
  const model = await loadModel(ctx, meshName);
  return { bundle: bundleFromMeshModel(model), findings: analyzeMesh(model, ctx.analysis) };
}

export async function meshAnalysis(ctx: ServiceContext, meshName: string) {
  const model = await loadModel(ctx, meshName);
  return { findings: analyzeMesh(model, ctx.analysis) };
}
