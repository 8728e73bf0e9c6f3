// `meshwright keys create|list|delete`: access keys managed through the server's console API
// (/api/keys), signed like the AWS CLI signs, so it needs an admin key in the environment or profile.
// The server is --endpoint URL, else AWS_ENDPOINT_URL_APP_MESH (the line `npm start` prints sets it).
import { flagsOrExit } from '../command-flags';
import { signedFetch } from '../server-request';
import type { CliIo } from '../validate';

export const keysUsage = [
  'usage: meshwright keys create --name NAME --role admin|editor|viewer [--mesh MESH]... [--endpoint URL]',
  '       meshwright keys list [--endpoint URL]',
  '       meshwright keys delete ACCESS_KEY_ID [--endpoint URL]',
  'Signed with the AWS credentials of the environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...); the key must be an admin key.',
  'Editor keys change only the meshes named with --mesh; viewer keys read those (or, with no --mesh, every mesh).',
].join('\n');

interface Flags {
  endpoint?: string;
  name?: string;
  role?: string;
  meshes: string[];
  positional: string[];
}

function parseFlags(args: readonly string[]): Flags | string {
  const flags: Flags = { meshes: [], positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (!arg.startsWith('--')) {
      flags.positional.push(arg);
      continue;
    }
    const value = args[++i];
    if (value === undefined) return `${arg} needs a value`;
    if (arg === '--endpoint') flags.endpoint = value;
    else if (arg === '--name') flags.name = value;
    else if (arg === '--role') flags.role = value;
    else if (arg === '--mesh') flags.meshes.push(value);
    else return `unknown flag ${arg}`;
  }
  return flags;
}

interface KeyView {
  accessKeyId: string;
  name: string;
  role: string;
  meshes: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

async function call(io: CliIo, endpoint: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> } | undefined> {
  const url = `${endpoint.replace(/\/+$/, '')}${path}`;
  let res: Response;
  try {
    res = await signedFetch(url, { method, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }) });
  } catch (e) {
    io.err(`error: cannot reach ${url}: ${(e as Error).message}`);
    return undefined;
  }
  const json = res.status === 204 ? {} : ((await res.json().catch(() => ({}))) as Record<string, unknown>);
  if (res.status >= 400) {
    io.err(`error: ${res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`}: ${typeof json.message === 'string' ? json.message : ''}`);
    return undefined;
  }
  return { status: res.status, json };
}

const scope = (k: KeyView) => (k.meshes.length ? k.meshes.join(',') : k.role === 'admin' ? '-' : 'all meshes');

export async function runKeys(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const parsed = flagsOrExit(args, io, keysUsage, () => parseFlags(rest));
  if ('exit' in parsed) return parsed.exit;
  const { flags } = parsed;
  const endpoint = flags.endpoint ?? process.env.AWS_ENDPOINT_URL_APP_MESH ?? process.env.AWS_ENDPOINT_URL;
  if (endpoint === undefined) {
    io.err(`error: give --endpoint URL (or set AWS_ENDPOINT_URL_APP_MESH)\n${keysUsage}`);
    return 2;
  }
  if (sub === 'create') {
    if (flags.name === undefined || flags.role === undefined) {
      io.err(`error: keys create needs --name NAME and --role admin|editor|viewer\n${keysUsage}`);
      return 2;
    }
    const r = await call(io, endpoint, 'POST', '/api/keys', { name: flags.name, role: flags.role, meshes: flags.meshes });
    if (!r) return 1;
    const key = r.json.key as KeyView;
    io.out(`created ${key.role} key ${key.accessKeyId} (${key.name}; ${scope(key)})`);
    io.out('the secret is shown this once; store it now:');
    io.out(`aws_access_key_id = ${key.accessKeyId}`);
    io.out(`aws_secret_access_key = ${String(r.json.secretAccessKey)}`);
    return 0;
  }
  if (sub === 'list') {
    const r = await call(io, endpoint, 'GET', '/api/keys');
    if (!r) return 1;
    io.out(['ACCESS KEY ID', 'ROLE', 'MESHES', 'NAME', 'CREATED', 'LAST USED'].join('\t'));
    for (const k of r.json.keys as KeyView[]) io.out([k.accessKeyId, k.role, scope(k), k.name, k.createdAt, k.lastUsedAt ?? 'never'].join('\t'));
    return 0;
  }
  if (sub === 'delete') {
    const [id] = flags.positional;
    if (id === undefined || flags.positional.length !== 1) {
      io.err(`error: keys delete needs one ACCESS_KEY_ID\n${keysUsage}`);
      return 2;
    }
    const r = await call(io, endpoint, 'DELETE', `/api/keys/${encodeURIComponent(id)}`);
    if (!r) return 1;
    io.out(`deleted ${id}; its console sessions ended`);
    return 0;
  }
  io.err(`error: keys needs create, list or delete\n${keysUsage}`);
  return 2;
}
