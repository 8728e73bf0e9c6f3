// Compiled Envoy bootstraps for downloads and the review screen; the model compiles, we only serialise.
import { compile, type CompileMode, type MeshModel } from '@meshwright/model';
import { stringify } from 'yaml';
import type { AppConfig } from '../deps';

export function bootstrapFor(model: MeshModel, virtualNodeName: string, mode: CompileMode, config: AppConfig): Record<string, unknown> {
  return compile(model, virtualNodeName, { mode, xds: config.xds }).bootstrap;
}

export function toYaml(value: unknown): string {
  // aliasDuplicateObjects off: Envoy's YAML loader should see plain documents, no anchors.
  return stringify(value, { aliasDuplicateObjects: false });
}

/** Both bootstraps of every virtual node, as YAML. */
export function envoyYamlByNode(model: MeshModel, config: AppConfig): Record<string, { static: string; ads: string }> {
  const out: Record<string, { static: string; ads: string }> = {};
  for (const node of model.virtualNodes) {
    out[node.virtualNodeName] = {
      static: toYaml(bootstrapFor(model, node.virtualNodeName, 'static', config)),
      ads: toYaml(bootstrapFor(model, node.virtualNodeName, 'ads', config)),
    };
  }
  return out;
}
