// `meshwright proxies`: the client certificates a meshwright server issued to proxies with their ADS
// bootstraps, and revoking one (the xDS server then refuses it and ends its open streams).
import type { CliIo } from '../validate';
import { flagsOrExit } from '../command-flags';
import { signedFetch } from '../server-request';

export const proxiesUsage = [
  'usage: meshwright proxies list --endpoint URL [--mesh NAME] | meshwright proxies revoke --endpoint URL SERIAL',
  'list: every issued proxy certificate (serial, proxy, issued, expires, revoked); revoke: refuse that certificate from now on.',
  'Exits 0, 1 when the server refuses (an unknown serial), 2 on bad flags or no connection.',
].join('\n');

interface ProxyCertificate {
  serial: string;
  proxyId: string;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

type Parsed = { action: 'list'; endpoint: string; mesh?: string } | { action: 'revoke'; endpoint: string; serial: string };

function parse(args: readonly string[]): Parsed | string {
  const [action, ...rest] = args;
  if (action !== 'list' && action !== 'revoke') return `proxies needs list or revoke, got "${action ?? ''}"`;
  let endpoint: string | undefined;
  let mesh: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const value = rest[++i];
    if (value === undefined || (arg !== '--endpoint' && !(arg === '--mesh' && action === 'list'))) return `unknown or incomplete flag ${arg}`;
    if (arg === '--endpoint') endpoint = value.replace(/\/+$/, '');
    else mesh = value;
  }
  if (endpoint === undefined) return `proxies ${action} needs --endpoint URL`;
  if (action === 'list') return positional.length > 0 ? `unexpected argument ${positional[0] ?? ''}` : { action, endpoint, ...(mesh !== undefined ? { mesh } : {}) };
  const [serial, extra] = positional;
  if (serial === undefined || extra !== undefined) return 'proxies revoke needs exactly one SERIAL (see proxies list)';
  return { action, endpoint, serial };
}

async function call(io: CliIo, url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: Record<string, unknown> } | undefined> {
  try {
    // Signed like every call to the server: the credentials come from the AWS chain (env, profile).
    const res = await signedFetch(url, init);
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
  } catch (e) {
    io.err(`error: cannot reach ${new URL(url).origin} (--endpoint): ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message}`);
    return undefined;
  }
}

const row = (cols: readonly string[]) => cols.map((c, i) => (i === cols.length - 1 ? c : c.padEnd([34, 48, 26, 26][i] ?? 0))).join(' ').trimEnd();

export async function runProxies(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = flagsOrExit(args, io, proxiesUsage, () => parse(args));
  if ('exit' in parsed) return parsed.exit;
  const { flags } = parsed;
  const url =
    flags.action === 'list'
      ? `${flags.endpoint}/api/proxy-certificates${flags.mesh !== undefined ? `?mesh=${encodeURIComponent(flags.mesh)}` : ''}`
      : `${flags.endpoint}/api/proxy-certificates/${encodeURIComponent(flags.serial)}/revoke`;
  const res = await call(io, url, flags.action === 'revoke' ? { method: 'POST' } : undefined);
  if (!res) return 2;
  if (res.status !== 200) {
    io.err(`error: HTTP ${res.status}: ${typeof res.body.message === 'string' ? res.body.message : 'the server refused'}`);
    return 1;
  }
  if (flags.action === 'revoke') {
    const cert = res.body as unknown as ProxyCertificate;
    io.out(`revoked ${cert.serial} (${cert.proxyId}) at ${cert.revokedAt ?? '?'}`);
    return 0;
  }
  const certificates = (res.body.certificates ?? []) as ProxyCertificate[];
  io.out(row(['SERIAL', 'PROXY', 'ISSUED', 'EXPIRES', 'REVOKED']));
  for (const c of certificates) io.out(row([c.serial, c.proxyId, c.issuedAt, c.expiresAt, c.revokedAt ?? '-']));
  return 0;
}
