// Deploy: the files that run one virtual node's Envoy beside its app, with traffic redirected to it.
// A virtual gateway is a standalone Envoy (GatewayFacts): no app, no redirection, its listener ports exposed.
import { dockerFiles } from './docker';
import type { GatewayFacts } from './gateway-facts';
import { gatewayKubernetesFiles } from './gateway-kubernetes';
import { gatewayGenerators } from './gateway-targets';
import { ecsFiles } from './ecs';
import { kubernetesFiles } from './kubernetes';
import { deployOptionsSchema, type DeployFacts, type DeployOptionsInput, type DeployOutput, type DeployTarget } from './options';
import { systemdFiles } from './systemd';

const GENERATORS: Record<DeployTarget, (f: DeployFacts, o: ReturnType<typeof deployOptionsSchema.parse>) => DeployOutput> = {
  kubernetes: kubernetesFiles,
  ecs: ecsFiles,
  systemd: systemdFiles,
  docker: dockerFiles,
};

/** Throws zod's error when an option is invalid; callers report it by field. */
export function generateDeployment(target: DeployTarget, facts: DeployFacts, options: DeployOptionsInput = {}): DeployOutput {
  return GENERATORS[target](facts, deployOptionsSchema.parse(options));
}

const GATEWAY_GENERATORS: Record<DeployTarget, (f: GatewayFacts, o: ReturnType<typeof deployOptionsSchema.parse>) => DeployOutput> = {
  kubernetes: gatewayKubernetesFiles,
  ...gatewayGenerators,
};

/** The files that run a virtual gateway's Envoy on `target`; redirection options do not apply and are ignored. */
export function generateGatewayDeployment(target: DeployTarget, facts: GatewayFacts, options: DeployOptionsInput = {}): DeployOutput {
  return GATEWAY_GENERATORS[target](facts, deployOptionsSchema.parse(options));
}

export { gatewayFacts, type GatewayFacts, type GatewayFactsInput } from './gateway-facts';
export { gatewayDeployment, gatewaySecret, gatewayService } from './gateway-kubernetes';
export { gatewayTaskDefinition } from './gateway-targets';
export { deployFacts, DeployFactsError, type FactsInput } from './facts';
export {
  DEPLOY_TARGETS,
  TESTED_ENVOY_VERSION,
  deployOptionsSchema,
  type DeployFacts,
  type DeployFile,
  type DeployOptions,
  type DeployOptionsInput,
  type DeployOutput,
  type DeployTarget,
  type TcpEgress,
} from './options';
export { REDIRECT_SCRIPT, redirectEnv, redirectScript } from './redirect';
export { readyCheck } from './envoy-container';
export { configMap, deploymentPatch, envoyContainer, exampleDeployment, exampleService, initContainer, nodeBootstrapSecret } from './kubernetes';
export { exampleTaskDefinition, taskDefinitionFragment } from './ecs';
export { EXCLUSION_TAGS, exclusionTags, exclusionsFromTags, type Exclusions, type ExclusionsResult } from './exclusion-tags';
