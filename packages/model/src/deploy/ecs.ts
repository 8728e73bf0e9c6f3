// ECS (EC2 and Fargate): the task definition parts App Mesh used. ECS installs the redirection itself
// from `proxyConfiguration` of type APPMESH, so no init container: the property names are ECS's.
import { readyCheck } from './envoy-container';
import { assumptions, type DeployFacts, type DeployOptions, type DeployOutput } from './options';

type Obj = Record<string, unknown>;

export function proxyConfiguration(f: DeployFacts, o: DeployOptions): Obj {
  const properties: Record<string, string> = {
    IgnoredUID: String(o.envoyUid),
    ProxyIngressPort: String(f.ingressPort),
    ProxyEgressPort: String(f.egressPort),
    AppPorts: f.appPorts.join(','),
    EgressIgnoredIPs: o.excludeIps.join(','),
  };
  if (o.excludePorts.length > 0) properties.EgressIgnoredPorts = o.excludePorts.join(',');
  return {
    type: 'APPMESH',
    containerName: 'envoy',
    // ECS rejects empty values, so an empty list is left out rather than sent as "".
    properties: Object.entries(properties).filter(([, v]) => v !== '').map(([name, value]) => ({ name, value })),
  };
}

export function envoyContainerDefinition(f: DeployFacts, o: DeployOptions): Obj {
  return {
    name: 'envoy',
    image: o.envoyImage,
    essential: true,
    user: String(o.envoyUid),
    memoryReservation: 64,
    // The bootstrap travels inline: a task definition cannot mount a ConfigMap.
    command: ['--config-yaml', f.bootstrapYaml, '--log-level', 'info'],
    portMappings: [
      { containerPort: f.ingressPort, protocol: 'tcp' },
    ],
    healthCheck: { command: ['CMD', ...readyCheck(f)], interval: 5, timeout: 2, retries: 3, startPeriod: 10 },
    ulimits: [{ name: 'nofile', softLimit: 15000, hardLimit: 15000 }],
  };
}

/** The app container's dependency on Envoy: the app starts once Envoy's /ready answers LIVE. */
export const appDependsOn = [{ containerName: 'envoy', condition: 'HEALTHY' }];

/** The fragment to merge into RegisterTaskDefinition's input (family and the app container are yours). */
export function taskDefinitionFragment(f: DeployFacts, o: DeployOptions): Obj {
  return { proxyConfiguration: proxyConfiguration(f, o), containerDefinitions: [envoyContainerDefinition(f, o)] };
}

/** What every example task definition starts with: awsvpc networking (APPMESH requires it), Fargate or EC2. */
export function taskBase(meshName: string, name: string): Obj {
  return {
    family: `${meshName}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255),
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE', 'EC2'],
    cpu: '256',
    memory: '512',
  };
}

/** A complete RegisterTaskDefinition input for the example: awsvpc networking, as APPMESH requires. */
export function exampleTaskDefinition(f: DeployFacts, o: DeployOptions): Obj {
  const fragment = taskDefinitionFragment(f, o);
  const app = {
    name: 'app',
    image: o.appImage,
    essential: true,
    portMappings: f.appPorts.map((p) => ({ containerPort: p, protocol: 'tcp' })),
    dependsOn: appDependsOn,
  };
  return {
    ...taskBase(f.meshName, f.nodeName),
    ...fragment,
    containerDefinitions: [app, ...(fragment.containerDefinitions as Obj[])],
  };
}

export function ecsFiles(f: DeployFacts, o: DeployOptions): DeployOutput {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return {
    files: [
      { path: 'ecs/task-definition-fragment.json', content: json(taskDefinitionFragment(f, o)) },
      { path: 'ecs/app-container-additions.json', content: json({ dependsOn: appDependsOn }) },
      { path: 'ecs/example-task-definition.json', content: json(exampleTaskDefinition(f, o)) },
    ],
    notes: [
      ...assumptions(f, o),
      'aws ecs register-task-definition --cli-input-json file://ecs/example-task-definition.json (replace the app image first).',
      'proxyConfiguration needs networkMode awsvpc; ECS installs the iptables rules from its properties (JSON has no comments, so the assumptions are here).',
    ],
  };
}
