// Compiled Envoy bootstraps for downloads and the review screen; the model compiles, we only serialise.
import { compile, compileAll, compileAllGateways, compileGateway, toEnvoyYaml, type CompileMode, type CompileResult, type MeshModel } from '@meshwright/model';
import type { AppConfig } from '../deps';

/** Where ADS bootstraps connect (this server's xDS, or every replica's: XDS_ADDRESSES), and the proxy ports ADS serves. */
function xdsOptions(config: AppConfig) {
  return { ...config.proxy, xds: { host: config.xds.host, port: config.xds.port }, xdsAddresses: config.xds.addresses ?? [] };
}

export function bootstrapFor(model: MeshModel, virtualNodeName: string, mode: CompileMode, config: AppConfig): Record<string, unknown> {
  return compile(model, virtualNodeName, { mode, ...xdsOptions(config) }).bootstrap;
}

export function gatewayBootstrapFor(model: MeshModel, virtualGatewayName: string, mode: CompileMode, config: AppConfig): Record<string, unknown> {
  return compileGateway(model, virtualGatewayName, { mode, ...xdsOptions(config) }).bootstrap;
}

type BootstrapYaml = Record<string, { static: string; ads: string }>;

/** Both bootstraps of every virtual node, as YAML. */
export function envoyYamlByNode(model: MeshModel, config: AppConfig): BootstrapYaml {
  // compileAll indexes the mesh once per mode instead of once per node and mode.
  return bothModes((mode) => compileAll(model, { mode, ...xdsOptions(config) }));
}

/** Both bootstraps of every virtual gateway, as YAML. */
export function envoyYamlByGateway(model: MeshModel, config: AppConfig): BootstrapYaml {
  return bothModes((mode) => compileAllGateways(model, { mode, ...xdsOptions(config) }));
}

function bothModes(compileEach: (mode: CompileMode) => Map<string, CompileResult>): BootstrapYaml {
  const statics = compileEach('static');
  const ads = compileEach('ads');
  const out: BootstrapYaml = {};
  for (const [name, result] of statics) {
    out[name] = { static: toEnvoyYaml(result.bootstrap), ads: toEnvoyYaml(ads.get(name)?.bootstrap) };
  }
  return out;
}
