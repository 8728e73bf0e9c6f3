// Compiled Envoy bootstraps for downloads and the review screen; the model compiles, we only serialise.
import { compile, compileAll, toEnvoyYaml, type CompileMode, type MeshModel } from '@meshwright/model';
import type { AppConfig } from '../deps';

export function bootstrapFor(model: MeshModel, virtualNodeName: string, mode: CompileMode, config: AppConfig): Record<string, unknown> {
  return compile(model, virtualNodeName, { mode, xds: config.xds }).bootstrap;
}

/** Both bootstraps of every virtual node, as YAML. */
export function envoyYamlByNode(model: MeshModel, config: AppConfig): Record<string, { static: string; ads: string }> {
  // compileAll indexes the mesh once per mode instead of once per node and mode.
  const statics = compileAll(model, { mode: 'static', xds: config.xds });
  const ads = compileAll(model, { mode: 'ads', xds: config.xds });
  const out: Record<string, { static: string; ads: string }> = {};
  for (const [name, result] of statics) {
    out[name] = { static: toEnvoyYaml(result.bootstrap), ads: toEnvoyYaml(ads.get(name)?.bootstrap) };
  }
  return out;
}
