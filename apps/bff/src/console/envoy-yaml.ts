// Compiled Envoy bootstraps for downloads and the review screen; the model compiles, we only serialise.
import { compile, compileAll, toEnvoyYaml, type CompileMode, type MeshModel } from '@meshwright/model';
import type { AppConfig } from '../deps';

/** Where ADS bootstraps connect: this server's xDS, or every replica's (XDS_ADDRESSES). */
function xdsOptions(config: AppConfig) {
  return { xds: { host: config.xds.host, port: config.xds.port }, xdsAddresses: config.xds.addresses ?? [] };
}

export function bootstrapFor(model: MeshModel, virtualNodeName: string, mode: CompileMode, config: AppConfig): Record<string, unknown> {
  return compile(model, virtualNodeName, { mode, ...xdsOptions(config) }).bootstrap;
}

/** Both bootstraps of every virtual node, as YAML. */
export function envoyYamlByNode(model: MeshModel, config: AppConfig): Record<string, { static: string; ads: string }> {
  // compileAll indexes the mesh once per mode instead of once per node and mode.
  const statics = compileAll(model, { mode: 'static', ...xdsOptions(config) });
  const ads = compileAll(model, { mode: 'ads', ...xdsOptions(config) });
  const out: Record<string, { static: string; ads: string }> = {};
  for (const [name, result] of statics) {
    out[name] = { static: toEnvoyYaml(result.bootstrap), ads: toEnvoyYaml(ads.get(name)?.bootstrap) };
  }
  return out;
}
