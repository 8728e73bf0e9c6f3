// ECS (EC2 and Fargate): the task definition parts App Mesh used. ECS installs the redirection itself
// from `proxyConfiguration` of type APPMESH, so no init container: the property names are ECS's.
import { readyCheck } from './envoy-container';
import { redirectedAppPorts } from './redirect';
import { assumptions, type DeployFacts, type DeployOptions, type DeployOutput } from './options';

type Obj = Record<string, unknown>;

export function proxyConfiguration(f: DeployFacts, o: DeployOptions): Obj {
  const properties: Record<string, string> = {
    IgnoredUID: String(o.envoyUid),
    ProxyIngressPort: String(f.ingressPort),
    ProxyEgressPort: String(f.egressPort),
    AppPorts: redirectedAppPorts(f, o).join(','),
    EgressIgnoredIPs: o.excludeIps.join(','),
  };
  if (o.excludePorts.length > 0) properties.EgressIgnoredPorts = o.excludePorts.join(',');
  // ECS takes one ignored GID; extra UIDs have no property (notes say so).
  if (o.ignoreGids[0] !== undefined) properties.IgnoredGID = String(o.ignoreGids[0]);
  return {
    type: 'APPMESH',
    containerName: 'envoy',
    // ECS rejects empty values, so an empty list is left out rather than sent as "".
    properties: Object.entries(properties).filter(([, v]) => v !== '').map(([name, value]) => ({ name, value })),
  };
}

/** The secret's name the notes tell the user to create, and the placeholder ARN when none is given. */
export const bootstrapSecretName = (meshName: string, name: string): string => `meshwright/${meshName}/${name}/envoy-bootstrap`;
const secretArn = (o: DeployOptions, meshName: string, name: string): string =>
  o.bootstrapSecretArn ?? `arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:${bootstrapSecretName(meshName, name)}`;

/**
 * JSON has no comments: the assumptions every snippet names (Envoy version, UID, ports) ride as a Docker label,
 * which ECS keeps on the container and `docker inspect` shows.
 */
export const assumptionLabels = (lines: string[]): Record<string, string> => ({ 'meshwright.io/assumptions': lines.join(' ') });

/**
 * Envoy as an ECS container on `ports`. The bootstrap holds the xDS client key, so it is not in the task
 * definition: ECS injects it from the secret as MESHWRIGHT_BOOTSTRAP and the command writes it to a 0600
 * file owned by the Envoy user, drops the variable and starts Envoy from the file.
 */
export function envoyContainerOn(f: { adminPort: number; meshName: string; name: string }, o: DeployOptions, ports: number[], assumed: string[]): Obj {
  const start = `umask 077 && printf '%s' "$MESHWRIGHT_BOOTSTRAP" > /tmp/envoy.yaml && unset MESHWRIGHT_BOOTSTRAP && exec envoy -c /tmp/envoy.yaml --log-level info`;
  return {
    name: 'envoy',
    image: o.envoyImage,
    essential: true,
    user: String(o.envoyUid),
    memoryReservation: 64,
    secrets: [{ name: 'MESHWRIGHT_BOOTSTRAP', valueFrom: secretArn(o, f.meshName, f.name) }],
    entryPoint: ['bash', '-c'],
    command: [start],
    portMappings: ports.map((p) => ({ containerPort: p, protocol: 'tcp' })),
    healthCheck: { command: ['CMD', ...readyCheck(f)], interval: 5, timeout: 2, retries: 3, startPeriod: 10 },
    ulimits: [{ name: 'nofile', softLimit: 15000, hardLimit: 15000 }],
    dockerLabels: assumptionLabels(assumed),
  };
}

export function envoyContainerDefinition(f: DeployFacts, o: DeployOptions): Obj {
  return envoyContainerOn({ ...f, name: f.nodeName }, o, [f.ingressPort], assumptions(f, o));
}

/** What the app container gains: it starts once Envoy's /ready answers LIVE, and it names what it assumes too. */
export function appContainerAdditions(f: DeployFacts, o: DeployOptions): Obj {
  return { dependsOn: [{ containerName: 'envoy', condition: 'HEALTHY' }], dockerLabels: assumptionLabels(assumptions(f, o)) };
}

/** The fragment to merge into RegisterTaskDefinition's input (family and the app container are yours). */
export function taskDefinitionFragment(f: DeployFacts, o: DeployOptions): Obj {
  return { proxyConfiguration: proxyConfiguration(f, o), containerDefinitions: [envoyContainerDefinition(f, o)] };
}

/**
 * What every example task definition starts with: awsvpc networking (APPMESH requires it), Fargate or EC2,
 * and the execution role ECS reads the bootstrap secret with (a placeholder: yours).
 */
export function taskBase(meshName: string, name: string): Obj {
  return {
    family: `${meshName}-${name}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255),
    executionRoleArn: 'arn:aws:iam::ACCOUNT_ID:role/REPLACE_WITH_TASK_EXECUTION_ROLE',
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
    ...appContainerAdditions(f, o),
  };
  return {
    ...taskBase(f.meshName, f.nodeName),
    ...fragment,
    containerDefinitions: [app, ...(fragment.containerDefinitions as Obj[])],
  };
}

/** The notes that say where the bootstrap goes on ECS and the command that stores it there. */
export function bootstrapSecretNotes(o: DeployOptions, meshName: string, name: string, file: string): string[] {
  return [
    `The bootstrap holds this proxy's xDS client key, so the task definition does not: store ${file} in the secret ${o.bootstrapSecretArn ?? '(give its ARN with --bootstrap-secret-arn; the placeholder is in the task definition)'}:`,
    `aws secretsmanager create-secret --name ${bootstrapSecretName(meshName, name)} --secret-string file://${file} (then delete ${file}); the task execution role needs secretsmanager:GetSecretValue on it.`,
  ];
}

export function ecsFiles(f: DeployFacts, o: DeployOptions): DeployOutput {
  const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;
  return {
    files: [
      { path: 'ecs/task-definition-fragment.json', content: json(taskDefinitionFragment(f, o)) },
      { path: 'ecs/app-container-additions.json', content: json(appContainerAdditions(f, o)) },
      { path: 'ecs/example-task-definition.json', content: json(exampleTaskDefinition(f, o)) },
      { path: 'ecs/envoy-bootstrap.yaml', content: f.bootstrapYaml },
    ],
    notes: [
      ...assumptions(f, o),
      ...bootstrapSecretNotes(o, f.meshName, f.nodeName, 'ecs/envoy-bootstrap.yaml'),
      'aws ecs register-task-definition --cli-input-json file://ecs/example-task-definition.json (replace the app image first).',
      'proxyConfiguration needs networkMode awsvpc (Fargate and EC2 alike); ECS installs the iptables rules from its properties. The assumptions above are also each container\'s meshwright.io/assumptions Docker label.',
      ...(o.ignoreUids.length > 0 || o.ignoreGids.length > 1
        ? [`ECS's APPMESH proxy configuration ignores only Envoy's UID and one GID: the excluded UIDs ${o.ignoreUids.join(',') || 'none'} and GIDs after the first (${o.ignoreGids.slice(1).join(',') || 'none'}) are not applied on ECS.`]
        : []),
    ],
  };
}
