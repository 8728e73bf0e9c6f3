// `meshwright export`: a mesh of a meshwright server written back as a bundle, a CloudFormation
// template, Kubernetes manifests or a directory of AWS CLI inputs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCliInputs, exportCloudFormation, exportKubernetes } from '@meshwright/model';
import { flagsOrExit } from '../command-flags';
import { signedFetch } from '../server-request';
import type { CliIo } from '../validate';

export const exportUsage = [
  'usage: meshwright export --endpoint URL --mesh NAME [--format bundle|cloudformation|kubernetes|cli] [--out FILE|DIR] [--namespace NS]',
  'Writes the mesh to stdout or --out (a directory for --format cli); exits 0, 1 when the server refuses, 2 on bad flags or no connection.',
].join('\n');

const formats = ['bundle', 'cloudformation', 'kubernetes', 'cli'] as const;
type ExportFormat = (typeof formats)[number];

interface ExportFlags {
  endpoint?: string;
  mesh?: string;
  format: ExportFormat;
  out?: string;
  namespace?: string;
}

function parseFlags(args: readonly string[]): ExportFlags | string {
  const flags: ExportFlags = { format: 'bundle' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = args[i + 1];
    if (value === undefined || !['--endpoint', '--mesh', '--format', '--out', '--namespace'].includes(arg ?? '')) return `unknown or incomplete flag ${arg ?? ''}`;
    i++;
    if (arg === '--format') {
      if (!(formats as readonly string[]).includes(value)) return `--format is one of ${formats.join(', ')}, got "${value}"`;
      flags.format = value as ExportFormat;
    } else if (arg === '--endpoint') flags.endpoint = value;
    else if (arg === '--mesh') flags.mesh = value;
    else if (arg === '--out') flags.out = value;
    else flags.namespace = value;
  }
  if (flags.endpoint === undefined || flags.mesh === undefined) return 'export needs --endpoint URL and --mesh NAME';
  if (flags.format === 'cli' && flags.out === undefined) return '--format cli writes one file per resource: give --out DIR';
  return flags;
}

export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = flagsOrExit(args, io, exportUsage, () => parseFlags(args));
  if ('exit' in parsed) return parsed.exit;
  const { flags } = parsed;
  const url = `${(flags.endpoint ?? '').replace(/\/+$/, '')}/api/meshes/${encodeURIComponent(flags.mesh ?? '')}/bundle`;
  let res: Response;
  try {
    res = await signedFetch(url);
  } catch (e) {
    io.err(`error: cannot reach ${url}: ${(e as Error).message}`);
    return 2;
  }
  const body = (await res.json().catch(() => ({}))) as { bundle?: Record<string, unknown>; message?: string };
  if (res.status !== 200 || !body.bundle) {
    io.err(`error: ${res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`}: ${body.message ?? 'no bundle in the response'}`);
    return 1;
  }
  const bundle = body.bundle;
  if (flags.format === 'cli') {
    const dir = flags.out ?? '.';
    mkdirSync(dir, { recursive: true });
    const files = exportCliInputs(bundle);
    for (const [name, json] of Object.entries(files)) writeFileSync(join(dir, name), `${JSON.stringify(json, null, 2)}\n`);
    io.err(`wrote ${Object.keys(files).length} files to ${dir}`);
    return 0;
  }
  let text: string;
  if (flags.format === 'cloudformation') text = exportCloudFormation(bundle, `App Mesh resources of mesh ${flags.mesh ?? ''}, exported by meshwright`);
  else if (flags.format === 'kubernetes') {
    const k = exportKubernetes(bundle, flags.namespace);
    for (const n of k.notes) io.err(`note: ${n}`);
    text = k.text;
  } else text = `${JSON.stringify(bundle, null, 2)}\n`;
  if (flags.out !== undefined) writeFileSync(flags.out, text);
  else io.out(text.trimEnd());
  return 0;
}
