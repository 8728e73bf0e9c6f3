import type { Bundle } from '@meshwright/model';

/** One resource as an `aws appmesh create-* --cli-input-json file://...` document. */
export interface CliInputFile {
  kind: 'mesh' | 'virtualNode' | 'virtualRouter' | 'route' | 'virtualService' | 'virtualGateway' | 'gatewayRoute';
  name: string;
  filename: string;
  /** The command that creates it from the file. */
  command: string;
  document: object;
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');

/** The bundle's resources in creation order, each as a CLI-input file (meshName included). */
export function cliInputFiles(bundle: Bundle): CliInputFile[] {
  const meshName = bundle.mesh.meshName;
  const file = (kind: CliInputFile['kind'], name: string, cli: string, document: object): CliInputFile => {
    const filename = `${slug(meshName)}.${cli}.${slug(name)}.json`;
    return { kind, name, filename, document, command: `aws appmesh create-${cli} --cli-input-json file://${filename}` };
  };
  return [
    file('mesh', meshName, 'mesh', bundle.mesh),
    ...bundle.virtualNodes.map((n) => file('virtualNode', n.virtualNodeName, 'virtual-node', { ...n, meshName })),
    ...bundle.virtualRouters.map((r) => file('virtualRouter', r.virtualRouterName, 'virtual-router', { ...r, meshName })),
    ...bundle.routes.map((r) => file('route', `${r.virtualRouterName}/${r.routeName}`, 'route', { ...r, meshName })),
    ...bundle.virtualServices.map((s) => file('virtualService', s.virtualServiceName, 'virtual-service', { ...s, meshName })),
    // Gateway routes name their target services, so they come after them.
    ...bundle.virtualGateways.map((g) => file('virtualGateway', g.virtualGatewayName, 'virtual-gateway', { ...g, meshName })),
    ...bundle.gatewayRoutes.map((r) => file('gatewayRoute', `${r.virtualGatewayName}/${r.gatewayRouteName}`, 'gateway-route', { ...r, meshName })),
  ];
}

export const bundleFilename = (bundle: Bundle) => `${slug(bundle.mesh.meshName)}.bundle.json`;

export const kindLabels: Record<string, string> = {
  mesh: 'Mesh',
  virtualNode: 'Virtual node',
  virtualRouter: 'Virtual router',
  route: 'Route',
  virtualService: 'Virtual service',
  virtualGateway: 'Virtual gateway',
  gatewayRoute: 'Gateway route',
};

/** The shell commands that create every file in order, for scripts that still speak App Mesh. */
export function cliScript(files: CliInputFile[]): string {
  return files.map((f) => f.command).join('\n') + '\n';
}
