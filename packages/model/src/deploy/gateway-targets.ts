// ECS, systemd and Docker for a virtual gateway: Envoy alone, its listener ports published, no
// redirection (no proxyConfiguration, no iptables unit, no helper container).
import { toEnvoyYaml } from '../envoy/yaml';
import { bootstrapSecretNotes, envoyContainerOn, taskBase } from './ecs';
import { BOOTSTRAP_FILE, envoyArgs, readyCheck } from './envoy-container';
import type { GatewayFacts } from './gateway-facts';
import { dockerKeyNote, protectBootstrap } from './docker';
import { gatewayAssumptions, needsLowPorts } from './gateway-kubernetes';
import { k8sName, type DeployOptions, type DeployOutput } from './options';

type Obj = Record<string, unknown>;

/** A complete RegisterTaskDefinition input: Envoy is the only (essential) container. */
export function gatewayTaskDefinition(f: GatewayFacts, o: DeployOptions): Obj {
  return {
    ...taskBase(f.meshName, f.gatewayName),
    containerDefinitions: [{
      ...envoyContainerOn({ ...f, name: f.gatewayName }, o, f.listenerPorts, gatewayAssumptions(f, o)),
      // Fargate's awsvpc tasks may bind ports below 1024 only with the sysctl; ECS takes it as systemControls.
      ...(needsLowPorts(f) ? { systemControls: [{ namespace: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] } : {}),
    }],
  };
}

function ecs(f: GatewayFacts, o: DeployOptions): DeployOutput {
  return {
    files: [
      { path: 'ecs/gateway-task-definition.json', content: `${JSON.stringify(gatewayTaskDefinition(f, o), null, 2)}\n` },
      { path: 'ecs/envoy-bootstrap.yaml', content: f.bootstrapYaml },
    ],
    notes: [
      ...gatewayAssumptions(f, o),
      ...bootstrapSecretNotes(o, f.meshName, f.gatewayName, 'ecs/envoy-bootstrap.yaml'),
      'aws ecs register-task-definition --cli-input-json file://ecs/gateway-task-definition.json; put the service behind a load balancer on the listener ports.',
    ],
  };
}

function systemd(f: GatewayFacts, o: DeployOptions): DeployOutput {
  const dir = `/etc/meshwright/${k8sName(f.meshName)}/${k8sName(f.gatewayName)}`;
  const unit = `meshwright-gateway-${k8sName(f.gatewayName)}.service`;
  const header = gatewayAssumptions(f, o).map((l) => `# ${l}`).join('\n');
  const content = `${header}
[Unit]
Description=Envoy for App Mesh virtual gateway ${f.gatewayName} (mesh ${f.meshName})
After=network-online.target
Wants=network-online.target

[Service]
User=${o.envoyUid}
Group=${o.envoyUid}
${needsLowPorts(f) ? 'AmbientCapabilities=CAP_NET_BIND_SERVICE\n' : ''}ExecStart=${o.envoyPath} ${envoyArgs(`${dir}/${BOOTSTRAP_FILE}`).join(' ')} --disable-hot-restart
Restart=always
RestartSec=2
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
`;
  return {
    files: [{ path: `systemd/${unit}`, content }, { path: `systemd/${BOOTSTRAP_FILE}`, content: f.bootstrapYaml }],
    notes: [
      `sudo install -d ${dir} && sudo install -m 0600 -o ${o.envoyUid} -g ${o.envoyUid} systemd/${BOOTSTRAP_FILE} ${dir}/ && sudo install -m 0644 systemd/${unit} /etc/systemd/system/`,
      `${BOOTSTRAP_FILE} holds the gateway's xDS client key: installed 0600, owned by the Envoy user ${o.envoyUid}; delete the local copy.`,
      `sudo systemctl daemon-reload && sudo systemctl enable --now ${unit}`,
    ],
  };
}

function docker(f: GatewayFacts, o: DeployOptions): DeployOutput {
  const header = gatewayAssumptions(f, o).map((l) => `# ${l}`).join('\n');
  const name = k8sName(f.gatewayName);
  const compose = {
    services: {
      [name]: {
        image: o.envoyImage,
        user: `${o.envoyUid}:${o.envoyUid}`,
        ports: f.listenerPorts.map((p) => `${p}:${p}`),
        volumes: [`./${BOOTSTRAP_FILE}:/etc/envoy/${BOOTSTRAP_FILE}:ro`],
        command: envoyArgs(`/etc/envoy/${BOOTSTRAP_FILE}`),
        healthcheck: { test: ['CMD', ...readyCheck(f)], interval: '5s', timeout: '2s', retries: 3 },
        restart: 'unless-stopped',
      },
    },
  };
  const run = `#!/bin/sh
${header}
set -eu
cd "$(dirname "$0")"
${protectBootstrap(o)}
docker run -d --name ${name} --user ${o.envoyUid}:${o.envoyUid} ${f.listenerPorts.map((p) => `-p ${p}:${p} `).join('')}-v "$PWD/${BOOTSTRAP_FILE}:/etc/envoy/${BOOTSTRAP_FILE}:ro" ${o.envoyImage} ${envoyArgs(`/etc/envoy/${BOOTSTRAP_FILE}`).join(' ')}
`;
  return {
    files: [
      { path: 'docker/compose.yaml', content: `${header}\n${toEnvoyYaml(compose)}` },
      { path: 'docker/run.sh', content: run },
      { path: `docker/${BOOTSTRAP_FILE}`, content: f.bootstrapYaml },
    ],
    notes: [`${dockerKeyNote(o)}; then docker compose -f docker/compose.yaml up -d, or sh docker/run.sh (it does both).`],
  };
}

export const gatewayGenerators = { ecs, systemd, docker };
