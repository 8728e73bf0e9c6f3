// Reads what `meshwright deploy` needs from a meshwright server: the node's spec (App Mesh API) and
// its compiled bootstraps (console endpoints). Errors name the flag the user should check.
export class DeployFetchError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2) {
    super(message);
  }
}

export interface FetchedNode {
  appPorts: number[];
  adsBootstrapYaml: string;
  staticBootstrap: unknown;
}

async function get(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new DeployFetchError(`cannot reach the meshwright server at ${new URL(url).origin} (--endpoint): ${cause}`, 2);
  }
}

async function ok(res: Response, what: string, mesh: string, node: string, kind: 'node' | 'gateway' = 'node'): Promise<Response> {
  if (res.status === 200) return res;
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (res.status === 404) {
    throw new DeployFetchError(`virtual ${kind} "${node}" (--virtual-${kind}) in mesh "${mesh}" (--mesh) was not found: ${body.message ?? 'not found'}`, 1);
  }
  throw new DeployFetchError(`the server refused ${what}: HTTP ${res.status} ${body.message ?? ''}`.trimEnd(), 1);
}

export async function fetchNode(endpoint: string, mesh: string, node: string): Promise<FetchedNode> {
  const base = endpoint.replace(/\/+$/, '');
  const m = encodeURIComponent(mesh);
  const n = encodeURIComponent(node);
  const described = await ok(await get(`${base}/v20190125/meshes/${m}/virtualNodes/${n}`), 'the node', mesh, node);
  const spec = ((await described.json()) as { spec?: { listeners?: { portMapping?: { port?: number } }[] } }).spec;
  const appPorts = (spec?.listeners ?? []).flatMap((l) => (typeof l.portMapping?.port === 'number' ? [l.portMapping.port] : []));
  const config = `${base}/api/meshes/${m}/virtualNodes/${n}/envoy-config`;
  const ads = await ok(await get(`${config}?mode=ads&format=yaml`), 'the ADS bootstrap', mesh, node);
  const stat = await ok(await get(`${config}?mode=static&format=json`), 'the static bootstrap', mesh, node);
  return { appPorts, adsBootstrapYaml: await ads.text(), staticBootstrap: await stat.json() };
}

export interface FetchedGateway {
  adsBootstrapYaml: string;
  staticBootstrap: unknown;
}

/** A gateway needs only its bootstraps: the listener ports are read from the compiled static one. */
export async function fetchGateway(endpoint: string, mesh: string, gateway: string): Promise<FetchedGateway> {
  const config = `${endpoint.replace(/\/+$/, '')}/api/meshes/${encodeURIComponent(mesh)}/virtualGateways/${encodeURIComponent(gateway)}/envoy-config`;
  const ads = await ok(await get(`${config}?mode=ads&format=yaml`), 'the ADS bootstrap', mesh, gateway, 'gateway');
  const stat = await ok(await get(`${config}?mode=static&format=json`), 'the static bootstrap', mesh, gateway, 'gateway');
  return { adsBootstrapYaml: await ads.text(), staticBootstrap: await stat.json() };
}
