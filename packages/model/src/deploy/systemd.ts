// A VM (EC2 or any Linux): Envoy as a systemd service under the Envoy UID, the bootstrap file, and
// a oneshot unit that installs the redirection before Envoy starts and removes it when stopped.
import { BOOTSTRAP_FILE, envoyArgs } from './envoy-container';
import { TESTED_ENVOY_VERSION, assumptions, k8sName, type DeployFacts, type DeployOptions, type DeployOutput } from './options';
import { REDIRECT_SCRIPT, redirectScript } from './redirect';

export function systemdFiles(f: DeployFacts, o: DeployOptions): DeployOutput {
  const dir = `/etc/meshwright/${k8sName(f.meshName)}/${k8sName(f.nodeName)}`;
  const header = assumptions(f, o).map((l) => `# ${l}`).join('\n');
  const envoyUnit = `meshwright-envoy-${k8sName(f.nodeName)}.service`;
  const redirectUnit = `meshwright-redirect-${k8sName(f.nodeName)}.service`;
  const envoy = `${header}
[Unit]
Description=Envoy for App Mesh virtual node ${f.nodeName} (mesh ${f.meshName})
After=network-online.target ${redirectUnit}
Wants=network-online.target ${redirectUnit}

[Service]
User=${o.envoyUid}
Group=${o.envoyUid}
ExecStart=${o.envoyPath} ${envoyArgs(`${dir}/${BOOTSTRAP_FILE}`).join(' ')} --disable-hot-restart
Restart=always
RestartSec=2
LimitNOFILE=65536

[Install]
WantedBy=multi-user.target
`;
  const redirect = `${header}
[Unit]
Description=meshwright traffic redirection to Envoy for ${f.nodeName}
Before=${envoyUnit}

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh ${dir}/${REDIRECT_SCRIPT} install
ExecStop=/bin/sh ${dir}/${REDIRECT_SCRIPT} remove

[Install]
WantedBy=multi-user.target
`;
  return {
    files: [
      { path: `systemd/${envoyUnit}`, content: envoy },
      { path: `systemd/${redirectUnit}`, content: redirect },
      { path: `systemd/${BOOTSTRAP_FILE}`, content: f.bootstrapYaml },
      { path: `systemd/${REDIRECT_SCRIPT}`, content: redirectScript(f, o) },
    ],
    notes: [
      `sudo install -d ${dir} && sudo install -m 0600 -o ${o.envoyUid} -g ${o.envoyUid} systemd/${BOOTSTRAP_FILE} ${dir}/ && sudo install -m 0755 systemd/${REDIRECT_SCRIPT} ${dir}/`,
      `sudo install -m 0644 systemd/*.service /etc/systemd/system/ && sudo systemctl daemon-reload && sudo systemctl enable --now ${redirectUnit} ${envoyUnit}`,
      `${BOOTSTRAP_FILE} holds this proxy's xDS client key: installed 0600, owned by the Envoy user ${o.envoyUid}; delete the local copy.`,
      `The app must not run as UID ${o.envoyUid}; Envoy needs ${o.envoyPath} (Envoy ${TESTED_ENVOY_VERSION} was tested).`,
    ],
  };
}
