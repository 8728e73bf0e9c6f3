// Deploy: the files that run one virtual node's Envoy beside its app, with traffic redirected to it.
// A virtual gateway will be another `DeployFacts` producer with no redirection and its own
// Deployment + Service of type LoadBalancer; the targets below take the node case.
import { dockerFiles } from './docker';
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
export { configMap, deploymentPatch, envoyContainer, exampleDeployment, exampleService, initContainer } from './kubernetes';
export { exampleTaskDefinition, taskDefinitionFragment } from './ecs';
