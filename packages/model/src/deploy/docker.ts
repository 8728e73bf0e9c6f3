// Docker: Envoy and a redirection helper join the app container's network namespace
// (`--network container:app`, compose `network_mode: service:app`), as a pod's containers do.
import { toEnvoyYaml } from '../envoy/yaml';
import { BOOTSTRAP_FILE, envoyArgs, readyCheck } from './envoy-container';
import { assumptions, type DeployFacts, type DeployOptions, type DeployOutput } from './options';
import { REDIRECT_SCRIPT, redirectScript } from './redirect';

const installCommand = `command -v iptables >/dev/null || apk add --no-cache iptables >/dev/null; sh /meshwright/${REDIRECT_SCRIPT} install`;

export function composeFile(f: DeployFacts, o: DeployOptions): Record<string, unknown> {
  return {
    services: {
      app: { image: o.appImage, ports: f.appPorts.map((p) => `${p}:${p}`) },
      'meshwright-redirect': {
        image: o.redirectImage,
        network_mode: 'service:app',
        cap_add: ['NET_ADMIN', 'NET_RAW'],
        volumes: [`./${REDIRECT_SCRIPT}:/meshwright/${REDIRECT_SCRIPT}:ro`],
        command: ['sh', '-c', installCommand],
        restart: 'no',
      },
      envoy: {
        image: o.envoyImage,
        network_mode: 'service:app',
        user: `${o.envoyUid}:${o.envoyUid}`,
        volumes: [`./${BOOTSTRAP_FILE}:/etc/envoy/${BOOTSTRAP_FILE}:ro`],
        command: envoyArgs(`/etc/envoy/${BOOTSTRAP_FILE}`),
        healthcheck: { test: ['CMD', ...readyCheck(f)], interval: '5s', timeout: '2s', retries: 3 },
        depends_on: { 'meshwright-redirect': { condition: 'service_completed_successfully' } },
        restart: 'unless-stopped',
      },
    },
  };
}

/**
 * The bootstrap holds the proxy's xDS client key: 0600 and owned by the Envoy user, mounted read-only.
 * chown needs root, as docker usually does.
 */
export const protectBootstrap = (o: DeployOptions): string =>
  `# ${BOOTSTRAP_FILE} holds the xDS client key: readable by the Envoy user only.\nchmod 0600 ${BOOTSTRAP_FILE} && chown ${o.envoyUid}:${o.envoyUid} ${BOOTSTRAP_FILE}`;

export const dockerKeyNote = (o: DeployOptions): string =>
  `docker/${BOOTSTRAP_FILE} holds the xDS client key: sudo chmod 0600 docker/${BOOTSTRAP_FILE} && sudo chown ${o.envoyUid}:${o.envoyUid} docker/${BOOTSTRAP_FILE} (it is mounted read-only)`;

export function dockerRunScript(f: DeployFacts, o: DeployOptions): string {
  const publish = f.appPorts.map((p) => `-p ${p}:${p} `).join('');
  return `#!/bin/sh
${assumptions(f, o).map((l) => `# ${l}`).join('\n')}
set -eu
cd "$(dirname "$0")"
${protectBootstrap(o)}
docker run -d --name app ${publish}${o.appImage}
docker run --rm --network container:app --cap-add NET_ADMIN --cap-add NET_RAW -v "$PWD/${REDIRECT_SCRIPT}:/meshwright/${REDIRECT_SCRIPT}:ro" ${o.redirectImage} sh -c '${installCommand}'
docker run -d --name app-envoy --network container:app --user ${o.envoyUid}:${o.envoyUid} -v "$PWD/${BOOTSTRAP_FILE}:/etc/envoy/${BOOTSTRAP_FILE}:ro" ${o.envoyImage} ${envoyArgs(`/etc/envoy/${BOOTSTRAP_FILE}`).join(' ')}
`;
}

export function dockerFiles(f: DeployFacts, o: DeployOptions): DeployOutput {
  const header = assumptions(f, o).map((l) => `# ${l}`).join('\n');
  return {
    files: [
      { path: 'docker/compose.yaml', content: `${header}\n${toEnvoyYaml(composeFile(f, o))}` },
      { path: 'docker/run.sh', content: dockerRunScript(f, o) },
      { path: `docker/${BOOTSTRAP_FILE}`, content: f.bootstrapYaml },
      { path: `docker/${REDIRECT_SCRIPT}`, content: redirectScript(f, o) },
    ],
    notes: [`${dockerKeyNote(o)}; then docker compose -f docker/compose.yaml up -d (replace the app image first), or sh docker/run.sh (it does both).`],
  };
}
