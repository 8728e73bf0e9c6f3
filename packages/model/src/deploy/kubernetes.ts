// Kubernetes: the redirect script in a ConfigMap, the bootstrap (it holds the xDS client key) in a Secret, an init container that installs the
// redirection (NET_ADMIN), Envoy as a sidecar running as the Envoy UID. As a strategic-merge patch
// for an existing Deployment and as a complete example Deployment + Service + ConfigMap.
import { toEnvoyYaml } from '../envoy/yaml';
import { BOOTSTRAP_FILE, bootstrapSecret, envoyArgs, readyCheck, secretVolume } from './envoy-container';
import { assumptions, k8sName, type DeployFacts, type DeployOptions, type DeployOutput } from './options';
import { REDIRECT_SCRIPT, redirectEnv, redirectScript } from './redirect';

type Obj = Record<string, unknown>;
const MOUNT = '/etc/meshwright';
const SECRET_MOUNT = '/etc/meshwright-bootstrap';

export function configMap(f: DeployFacts, o: DeployOptions): Obj {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: k8sName(f.nodeName, 'envoy'), labels: labels(f) },
    data: { [REDIRECT_SCRIPT]: redirectScript(f, o) },
  };
}

export const nodeBootstrapSecret = (f: DeployFacts): Obj => bootstrapSecret(k8sName(f.nodeName, 'envoy-bootstrap'), labels(f), f.bootstrapYaml);

const labels = (f: DeployFacts): Record<string, string> => ({
  'meshwright.io/mesh': k8sName(f.meshName),
  'meshwright.io/virtual-node': k8sName(f.nodeName),
});

export function initContainer(f: DeployFacts, o: DeployOptions): Obj {
  return {
    name: 'meshwright-redirect',
    image: o.redirectImage,
    command: ['sh', '-c', `command -v iptables >/dev/null || apk add --no-cache iptables >/dev/null; sh ${MOUNT}/${REDIRECT_SCRIPT} install`],
    env: Object.entries(redirectEnv(f, o)).map(([name, value]) => ({ name, value })),
    securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
    resources: { requests: { cpu: '10m', memory: '16Mi' } },
    volumeMounts: [{ name: 'meshwright-envoy', mountPath: MOUNT, readOnly: true }],
  };
}

export function envoyContainer(f: DeployFacts, o: DeployOptions): Obj {
  return {
    name: 'envoy',
    image: o.envoyImage,
    args: envoyArgs(`${SECRET_MOUNT}/${BOOTSTRAP_FILE}`),
    ports: [
      { name: 'envoy-ingress', containerPort: f.ingressPort, protocol: 'TCP' },
      { name: 'envoy-egress', containerPort: f.egressPort, protocol: 'TCP' },
    ],
    // The admin API listens on 127.0.0.1 only, so the probe runs inside the container.
    readinessProbe: { exec: { command: readyCheck(f) }, initialDelaySeconds: 1, periodSeconds: 5, failureThreshold: 3 },
    resources: { requests: { cpu: '10m', memory: '32Mi' } },
    securityContext: { runAsUser: o.envoyUid, runAsGroup: o.envoyUid, runAsNonRoot: o.envoyUid !== 0, allowPrivilegeEscalation: false },
    volumeMounts: [{ name: 'meshwright-envoy-bootstrap', mountPath: SECRET_MOUNT, readOnly: true }],
  };
}

function podAdditions(f: DeployFacts, o: DeployOptions): Obj {
  return {
    initContainers: [initContainer(f, o)],
    containers: [envoyContainer(f, o)],
    // fsGroup makes the Secret's files group-owned by the Envoy GID, which its 0440 mode lets read.
    securityContext: { fsGroup: o.envoyUid },
    volumes: [
      { name: 'meshwright-envoy', configMap: { name: k8sName(f.nodeName, 'envoy') } },
      secretVolume('meshwright-envoy-bootstrap', k8sName(f.nodeName, 'envoy-bootstrap')),
    ],
  };
}

/** `kubectl patch deployment APP --type strategic --patch-file patch.yaml`: lists merge by container name. */
export function deploymentPatch(f: DeployFacts, o: DeployOptions): Obj {
  return { spec: { template: { metadata: { labels: labels(f) }, spec: podAdditions(f, o) } } };
}

export function exampleDeployment(f: DeployFacts, o: DeployOptions): Obj {
  const name = k8sName(f.nodeName);
  const additions = podAdditions(f, o);
  const app = {
    name: 'app',
    image: o.appImage,
    ports: f.appPorts.map((p) => ({ containerPort: p, protocol: 'TCP' })),
  };
  const containers = additions.containers as Obj[];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: labels(f) },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels(f) },
      template: { metadata: { labels: labels(f) }, spec: { ...additions, containers: [app, ...containers] } },
    },
  };
}

export function exampleService(f: DeployFacts): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: k8sName(f.nodeName), labels: labels(f) },
    spec: {
      selector: labels(f),
      ports: f.appPorts.map((p) => ({ name: `port-${p}`, port: p, targetPort: p, protocol: 'TCP' })),
    },
  };
}

const yamlDocs = (header: string[], docs: Obj[]) =>
  `${header.map((l) => `# ${l}`).join('\n')}\n${docs.map((d) => toEnvoyYaml(d)).join('---\n')}`;

export function kubernetesFiles(f: DeployFacts, o: DeployOptions): DeployOutput {
  const header = assumptions(f, o);
  const files = [
    { path: 'kubernetes/configmap.yaml', content: yamlDocs(header, [configMap(f, o), nodeBootstrapSecret(f)]) },
    { path: 'kubernetes/deployment-patch.yaml', content: yamlDocs(header, [deploymentPatch(f, o)]) },
    { path: 'kubernetes/example.yaml', content: yamlDocs(header, [configMap(f, o), nodeBootstrapSecret(f), exampleDeployment(f, o), ...(f.appPorts.length > 0 ? [exampleService(f)] : [])]) },
  ];
  return {
    files,
    notes: [
      `kubectl apply -f kubernetes/configmap.yaml && kubectl patch deployment YOUR_APP --type strategic --patch-file kubernetes/deployment-patch.yaml`,
      `The bootstrap holds this proxy's xDS client key: configmap.yaml puts it in a Secret mounted read-only (0440, fsGroup ${o.envoyUid}) into Envoy only; keep the file out of version control.`,
      `The Service keeps pointing at the app ports (${f.appPorts.join(', ') || 'none'}); the init container redirects them to Envoy's ingress ${f.ingressPort}.`,
      `The init container installs iptables from Alpine packages when its image lacks them; set --redirect-image to an image that has iptables for air-gapped clusters.`,
      `The app must not run as UID ${o.envoyUid}: traffic from that UID bypasses Envoy.`,
    ],
  };
}
