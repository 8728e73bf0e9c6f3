// `--apply --endpoint URL`: the bundle goes to a meshwright server as one atomic create (POST /api/bundles).
import { signedFetch } from '../server-request';
import type { CliIo } from '../validate';

interface Created {
  created?: { kind: string; name: string; arn: string }[];
}

export async function applyBundle(bundle: unknown, endpoint: string | undefined, io: CliIo): Promise<number> {
  const url = `${(endpoint ?? '').replace(/\/+$/, '')}/api/bundles`;
  let res: Response;
  try {
    res = await signedFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(bundle) });
  } catch (e) {
    io.err(`error: cannot reach ${url}: ${(e as Error).message}`);
    return 2;
  }
  const body = (await res.json().catch(() => ({}))) as Created & { message?: string; field?: string };
  if (res.status !== 201) {
    const type = res.headers.get('x-amzn-errortype') ?? `HTTP ${res.status}`;
    io.err(`error: the server refused the bundle (${type})${body.field ? ` at ${body.field}` : ''}: ${body.message ?? ''}; nothing was created`);
    return 1;
  }
  for (const c of body.created ?? []) io.out(`created ${c.kind} ${c.name} ${c.arn}`);
  return 0;
}
