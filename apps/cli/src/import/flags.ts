// The flags of `meshwright import`, parsed into options for the model's importers.
import type { CliNames } from '@meshwright/model';

export interface ImportFlags {
  paths: string[];
  format: 'auto' | 'cloudformation' | 'kubernetes' | 'cli';
  mesh?: string;
  parameters: Record<string, string>;
  pseudoParameters: Record<string, string>;
  namespaceMesh: Record<string, string>;
  names: CliNames;
  out?: string;
  apply: boolean;
  endpoint?: string;
  fromAppMesh: boolean;
  region?: string;
  help: boolean;
}

export class FlagError extends Error {}

const nameFlags: Record<string, keyof CliNames> = {
  '--mesh-name': 'meshName',
  '--virtual-node-name': 'virtualNodeName',
  '--virtual-service-name': 'virtualServiceName',
  '--virtual-router-name': 'virtualRouterName',
  '--route-name': 'routeName',
  '--virtual-gateway-name': 'virtualGatewayName',
  '--gateway-route-name': 'gatewayRouteName',
};
const formats = ['auto', 'cloudformation', 'kubernetes', 'cli'] as const;

function keyValue(flag: string, value: string): [string, string] {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new FlagError(`${flag} takes KEY=VALUE, got "${value}"`);
  return [value.slice(0, eq), value.slice(eq + 1)];
}

export function parseImportFlags(args: readonly string[]): ImportFlags {
  const flags: ImportFlags = { paths: [], format: 'auto', parameters: {}, pseudoParameters: {}, namespaceMesh: {}, names: {}, apply: false, fromAppMesh: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new FlagError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') flags.help = true;
    else if (arg === '--apply') flags.apply = true;
    else if (arg === '--from-app-mesh') flags.fromAppMesh = true;
    else if (arg === '--format') {
      const f = value();
      if (!(formats as readonly string[]).includes(f)) throw new FlagError(`--format is one of ${formats.join(', ')}, got "${f}"`);
      flags.format = f as ImportFlags['format'];
    } else if (arg === '--mesh') flags.mesh = value();
    else if (arg === '--out') flags.out = value();
    else if (arg === '--endpoint') flags.endpoint = value();
    else if (arg === '--region') flags.region = value();
    else if (arg === '--parameter') {
      const [k, v] = keyValue(arg, value());
      // AWS::Region=... and the other pseudo parameters are set the same way.
      if (k.startsWith('AWS::')) flags.pseudoParameters[k] = v;
      else flags.parameters[k] = v;
    } else if (arg === '--namespace-mesh') {
      const [k, v] = keyValue(arg, value());
      flags.namespaceMesh[k] = v;
    } else if (arg in nameFlags) {
      const key = nameFlags[arg];
      if (key) flags.names[key] = value();
    } else if (arg.startsWith('-')) throw new FlagError(`unknown flag ${arg}`);
    else flags.paths.push(arg);
  }
  return flags;
}
