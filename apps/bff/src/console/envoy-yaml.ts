// Compiled Envoy bootstraps for downloads and the review screen; the model compiles, we only serialise.
import { compile, compileAll, type CompileMode, type MeshModel } from '@meshwright/model';
import { stringify } from 'yaml';
import type { AppConfig } from '../deps';

export function bootstrapFor(model: MeshModel, virtualNodeName: string, mode: CompileMode, config: AppConfig): Record<string, unknown> {
  return compile(model, virtualNodeName, { mode, xds: config.xds }).bootstrap;
}

/**
 * YAML that Envoy reads back unchanged. Envoy's parser follows YAML 1.1, where bare `yes`, `on` or
 * `0x1F` are not strings, so we write 1.1 and the serializer quotes them. No anchors.
 */
export function toYaml(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}

/** Both bootstraps of every virtual node, as YAML. */
export function envoyYamlByNode(model: MeshModel, config: AppConfig): Record<string, { static: string; ads: string }> {
  // compileAll indexes the mesh once per mode instead of once per node and mode.
  const statics = compileAll(model, { mode: 'static', xds: config.xds });
  const ads = compileAll(model, { mode: 'ads', xds: config.xds });
  const out: Record<string, { static: string; ads: string }> = {};
  for (const [name, result] of statics) {
    out[name] = { static: toYaml(result.bootstrap), ads: toYaml(ads.get(name)?.bootstrap) };
  }
  return out;
}
