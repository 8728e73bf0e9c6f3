// `meshwright deploy`: the files that run a virtual node's Envoy on Kubernetes, ECS, a VM or Docker,
// from the node's spec and bootstrap as a meshwright server compiles them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  DEPLOY_TARGETS, deployFacts, deployOptionsSchema, exclusionsFromTags, gatewayFacts, generateDeployment, generateGatewayDeployment,
  type DeployOptionsInput, type DeployOutput, type DeployTarget,
} from '@meshwright/model';
import type { CliIo } from '../validate';
import { DeployFetchError, fetchGateway, fetchNode } from './fetch-node';

export const deployUsage = [
  'usage: meshwright deploy --endpoint URL --mesh M (--virtual-node N | --virtual-gateway G) --target kubernetes|ecs|systemd|docker [--out DIR]',
  '       [--envoy-image IMG] [--envoy-uid N] [--exclude-port P]... [--exclude-ip IP/CIDR]... [--exclude-inbound-port P]...',
  '       [--ignore-uid N]... [--ignore-gid N]... [--app-image IMG] [--redirect-image IMG] [--bootstrap-secret-arn ARN]',
  '  --bootstrap-secret-arn (ecs): the Secrets Manager secret or SSM SecureString holding the bootstrap (it has the xDS client key).',
  '  A node\'s meshwright.io/exclude-* tags (see README) give its stored exclusions; the flags add to them.',
  '  Writes the Envoy sidecar, its bootstrap and the traffic redirection for the node (stdout without --out);',
  '  for a gateway, a standalone Envoy exposing its listener ports (no app container, no redirection).',
  '  Exit codes: 0 written, 1 the server refused (unknown node), 2 bad flags or server unreachable.',
].join('\n');

const VALUED = ['--endpoint', '--mesh', '--virtual-node', '--virtual-gateway', '--target', '--out', '--envoy-image', '--envoy-uid', '--exclude-port', '--exclude-ip', '--app-image', '--redirect-image',
  '--exclude-inbound-port', '--ignore-uid', '--ignore-gid', '--bootstrap-secret-arn'];
const REPEATED = ['--exclude-port', '--exclude-ip', '--exclude-inbound-port', '--ignore-uid', '--ignore-gid'];

function parse(args: readonly string[]): Map<string, string[]> | string {
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const value = args[i + 1];
    if (!VALUED.includes(arg)) return `unknown option ${arg}`;
    if (value === undefined) return `${arg} needs a value`;
    if (flags.has(arg) && !REPEATED.includes(arg)) return `${arg} is given twice`;
    flags.set(arg, [...(flags.get(arg) ?? []), value]);
    i++;
  }
  for (const f of ['--endpoint', '--mesh', '--target']) if (!flags.has(f)) return `${f} is missing`;
  if (flags.has('--virtual-node') === flags.has('--virtual-gateway')) return 'give one of --virtual-node or --virtual-gateway';
  const target = flags.get('--target')?.[0] ?? '';
  if (!(DEPLOY_TARGETS as readonly string[]).includes(target)) return `--target must be one of ${DEPLOY_TARGETS.join(', ')}, not "${target}"`;
  return flags;
}

const FLAG_OF: Record<string, string> = {
  envoyImage: '--envoy-image', envoyUid: '--envoy-uid', excludePorts: '--exclude-port', excludeIps: '--exclude-ip',
  appImage: '--app-image', redirectImage: '--redirect-image', excludeInboundPorts: '--exclude-inbound-port', ignoreUids: '--ignore-uid', ignoreGids: '--ignore-gid',
  bootstrapSecretArn: '--bootstrap-secret-arn',
};

function options(flags: Map<string, string[]>) {
  const one = (f: string) => flags.get(f)?.[0];
  const input: Record<string, unknown> = {
    envoyImage: one('--envoy-image'),
    envoyUid: one('--envoy-uid') === undefined ? undefined : Number(one('--envoy-uid')),
    excludePorts: flags.get('--exclude-port')?.map(Number),
    excludeIps: flags.get('--exclude-ip'),
    excludeInboundPorts: flags.get('--exclude-inbound-port')?.map(Number),
    ignoreUids: flags.get('--ignore-uid')?.map(Number),
    ignoreGids: flags.get('--ignore-gid')?.map(Number),
    appImage: one('--app-image'),
    redirectImage: one('--redirect-image'),
    bootstrapSecretArn: one('--bootstrap-secret-arn'),
  };
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const parsed = deployOptionsSchema.safeParse(given);
  if (parsed.success) return given as DeployOptionsInput;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  const raw = issue?.path[1] === undefined ? one(FLAG_OF[key] ?? '') : flags.get(FLAG_OF[key] ?? '')?.[Number(issue.path[1])];
  return `${FLAG_OF[key] ?? key} ${issue?.message ?? 'is invalid'}, not "${raw ?? ''}"`;
}

/** The node's stored exclusions (tags) with the flags' added; a bad tag is an error naming it. */
function withExclusions(tags: { key: string; value?: string }[], opts: DeployOptionsInput): DeployOptionsInput {
  const { exclusions, errors } = exclusionsFromTags(tags);
  if (errors.length > 0) throw new DeployFetchError(`the node's exclusion tags are invalid: ${errors.join('; ')}`, 1);
  const merged: Record<string, unknown> = { ...opts };
  for (const [field, stored] of Object.entries(exclusions)) merged[field] = [...stored, ...((opts as Record<string, unknown[] | undefined>)[field] ?? [])];
  return merged as DeployOptionsInput;
}

async function nodeOutput(endpoint: string, mesh: string, node: string, target: DeployTarget, opts: DeployOptionsInput): Promise<DeployOutput> {
  const fetched = await fetchNode(endpoint, mesh, node);
  const facts = deployFacts({ meshName: mesh, nodeName: node, appPorts: fetched.appPorts, staticBootstrap: fetched.staticBootstrap, bootstrapYaml: fetched.adsBootstrapYaml });
  return generateDeployment(target, facts, withExclusions(fetched.tags, opts));
}

async function gatewayOutput(endpoint: string, mesh: string, gateway: string, target: DeployTarget, opts: DeployOptionsInput): Promise<DeployOutput> {
  const fetched = await fetchGateway(endpoint, mesh, gateway);
  const facts = gatewayFacts({ meshName: mesh, gatewayName: gateway, staticBootstrap: fetched.staticBootstrap, bootstrapYaml: fetched.adsBootstrapYaml });
  return generateGatewayDeployment(target, facts, opts);
}

export async function runDeploy(args: readonly string[], io: CliIo): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(deployUsage);
    return 0;
  }
  const flags = parse(args);
  const opts = typeof flags === 'string' ? flags : options(flags);
  if (typeof flags === 'string' || typeof opts === 'string') {
    io.err(`error: ${typeof flags === 'string' ? flags : String(opts)}\n${deployUsage}`);
    return 2;
  }
  const one = (f: string) => flags.get(f)?.[0] ?? '';
  const [endpoint, mesh, target] = [one('--endpoint'), one('--mesh'), one('--target') as DeployTarget];
  let output;
  try {
    output = flags.has('--virtual-gateway') ? await gatewayOutput(endpoint, mesh, one('--virtual-gateway'), target, opts) : await nodeOutput(endpoint, mesh, one('--virtual-node'), target, opts);
  } catch (e) {
    if (!(e instanceof DeployFetchError)) throw e;
    io.err(`error: ${e.message}`);
    return e.exitCode;
  }
  const out = flags.get('--out')?.[0];
  for (const file of output.files) {
    if (out === undefined) {
      io.out(`### ${file.path}\n${file.content.trimEnd()}\n`);
      continue;
    }
    const path = join(out, file.path);
    mkdirSync(dirname(path), { recursive: true });
    // Bootstraps hold the proxy's xDS client key: only the user who ran deploy reads them.
    writeFileSync(path, file.content, { mode: file.path.endsWith('.sh') ? 0o755 : file.path.endsWith('bootstrap.yaml') || file.path.endsWith('/envoy.yaml') ? 0o600 : 0o644 });
  }
  if (out !== undefined) io.err(`wrote ${output.files.length} files to ${out}`);
  for (const n of output.notes) io.err(`note: ${n}`);
  return 0;
}
