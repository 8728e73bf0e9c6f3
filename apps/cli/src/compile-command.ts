// `meshwright compile PATH --virtual-node NAME` (or `--virtual-gateway NAME`): the Envoy bootstrap of one
// virtual node's or virtual gateway's proxy, on stdout.
import { compile, compileGateway, formatFinding, toEnvoyYaml, validateBundle, type CompileMode, type CompileOptions } from '@meshwright/model';
import { analysisOptionsFromEnv } from './analysis-options';
import { loadInputs, UnreadableInputError } from './load-inputs';
import type { CliIo } from './validate';

export const compileUsage = [
  'usage: meshwright compile PATH... (--virtual-node NAME | --virtual-gateway NAME) [--mode static|ads] [--format yaml|json] [--xds HOST:PORT]',
  '       [--admin-port N] [--ingress-port N] [--egress-port N] [--listener-address ADDR]',
  '  PATH: directories of CLI-input JSON files, or a bundle file (as for `meshwright validate`).',
  '  Writes the bootstrap to stdout; findings and compile diagnostics go to stderr.',
  '  Exit codes: 0 compiled, 1 the mesh has errors or the node (gateway) does not exist, 2 bad arguments or input.',
].join('\n');

interface CompileArgs {
  paths: string[];
  /** The proxy to compile: a virtual node's or a virtual gateway's. */
  proxy: { kind: 'virtual node' | 'virtual gateway'; name: string };
  format: 'yaml' | 'json';
  options: CompileOptions;
}

class UsageError extends Error {}

function port(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}

function parseArgs(args: readonly string[]): CompileArgs {
  const paths: string[] = [];
  const flags = new Map<string, string>();
  const valued = ['--virtual-node', '--virtual-gateway', '--mode', '--format', '--xds', '--admin-port', '--ingress-port', '--egress-port', '--listener-address'];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (valued.includes(flag)) {
      const value = inline ?? args[++i];
      if (value === undefined) throw new UsageError(`${flag} needs a value`);
      flags.set(flag, value);
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option ${a}`);
    } else {
      paths.push(a);
    }
  }
  const node = flags.get('--virtual-node');
  const gateway = flags.get('--virtual-gateway');
  if (paths.length === 0) throw new UsageError('PATH is missing');
  if (node !== undefined && gateway !== undefined) throw new UsageError('give --virtual-node or --virtual-gateway, not both');
  if (!node && !gateway) throw new UsageError('--virtual-node NAME (or --virtual-gateway NAME) is missing');
  const proxy = gateway ? { kind: 'virtual gateway' as const, name: gateway } : { kind: 'virtual node' as const, name: node ?? '' };
  const mode = flags.get('--mode') ?? 'static';
  if (mode !== 'static' && mode !== 'ads') throw new UsageError(`--mode must be static or ads, not "${mode}"`);
  const format = flags.get('--format') ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`--format must be yaml or json, not "${format}"`);
  const options: CompileOptions = { mode: mode as CompileMode, ports: {} };
  const xds = flags.get('--xds');
  if (xds !== undefined) {
    const m = /^(.+):(\d+)$/.exec(xds);
    if (!m?.[1] || !m[2]) throw new UsageError(`--xds must be HOST:PORT, not "${xds}"`);
    options.xds = { host: m[1].replace(/^\[(.*)\]$/, '$1'), port: port('--xds', m[2]) };
  }
  const ports = options.ports ?? {};
  for (const [flag, key] of [['--admin-port', 'admin'], ['--ingress-port', 'ingress'], ['--egress-port', 'egress']] as const) {
    const v = flags.get(flag);
    if (v !== undefined) ports[key] = port(flag, v);
  }
  const address = flags.get('--listener-address');
  if (address !== undefined) options.listenerAddress = address;
  return { paths, proxy, format, options };
}

export async function runCompile(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(compileUsage);
    return 0;
  }
  let parsed: CompileArgs;
  let loaded: ReturnType<typeof loadInputs>;
  try {
    parsed = parseArgs(args);
    loaded = loadInputs(parsed.paths);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`error: ${e.message}\n${compileUsage}`);
      return 2;
    }
    if (e instanceof UnreadableInputError) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
  for (const p of loaded.problems) io.err(`error [input.invalid] (file ${p.source}) : ${p.message}`);
  const { model, findings } = validateBundle(loaded.bundle, analysisOptionsFromEnv());
  const errors = findings.filter((f) => f.severity === 'error');
  for (const f of findings) io.err(formatFinding(f));
  if (!model || errors.length > 0 || loaded.problems.length > 0) {
    const n = errors.length + loaded.problems.length;
    io.err(`refusing to compile: the mesh has ${n} error${n === 1 ? '' : 's'}`);
    return 1;
  }
  const { kind, name } = parsed.proxy;
  const known = kind === 'virtual node' ? model.virtualNodes.map((n) => n.virtualNodeName) : model.virtualGateways.map((g) => g.virtualGatewayName);
  if (!known.includes(name)) {
    io.err(`error: ${kind} "${name}" does not exist in mesh "${model.mesh.meshName}" (${kind}s: ${known.join(', ') || 'none'})`);
    return 1;
  }
  const result = kind === 'virtual node' ? compile(model, name, parsed.options) : compileGateway(model, name, parsed.options);
  for (const d of result.diagnostics) io.err(formatFinding(d));
  io.out(parsed.format === 'json' ? JSON.stringify(result.bootstrap, null, 2) : toEnvoyYaml(result.bootstrap).trimEnd());
  return 0;
}
