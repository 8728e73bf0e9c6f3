// Which proxy a certificate speaks for. A proxy's identity is its App Mesh path,
// `mesh/<mesh>/virtualNode/<node>` or `mesh/<mesh>/virtualGateway/<gateway>`; its certificate carries it
// as a SPIFFE URI SAN, `spiffe://meshwright/<path>` (names percent-encoded, so a name can never add a
// segment). An Envoy's node id may be the path or the resource's ARN; both name the same proxy.

export type ProxyKind = 'virtualNode' | 'virtualGateway';

export interface ProxyRef {
  meshName: string;
  kind: ProxyKind;
  name: string;
}

const TRUST_DOMAIN = 'spiffe://meshwright/';
const PATH = /^mesh\/([^/]+)\/(virtualNode|virtualGateway)\/([^/]+)$/;
const ARN = /^arn:[^:]+:appmesh:[^:]*:[^:]*:(mesh\/.+)$/;

/** `mesh/<mesh>/<kind>/<name>`: the key proxy certificates are recorded under. */
export function proxyPath(ref: ProxyRef): string {
  return `mesh/${ref.meshName}/${ref.kind}/${ref.name}`;
}

export function spiffeUri(ref: ProxyRef): string {
  return `${TRUST_DOMAIN}mesh/${encodeURIComponent(ref.meshName)}/${ref.kind}/${encodeURIComponent(ref.name)}`;
}

/** The proxy a SPIFFE URI names, or undefined when it is not one of meshwright's. */
export function proxyFromSpiffeUri(uri: string): ProxyRef | undefined {
  if (!uri.startsWith(TRUST_DOMAIN)) return undefined;
  const m = PATH.exec(uri.slice(TRUST_DOMAIN.length));
  if (!m?.[1] || !m[3]) return undefined;
  try {
    return { meshName: decodeURIComponent(m[1]), kind: m[2] as ProxyKind, name: decodeURIComponent(m[3]) };
  } catch {
    return undefined;
  }
}

/** The proxy an Envoy node id claims to be (path or ARN), or undefined when it names none. */
export function proxyFromNodeId(nodeId: string): ProxyRef | undefined {
  const m = PATH.exec(ARN.exec(nodeId)?.[1] ?? nodeId);
  if (!m?.[1] || !m[3]) return undefined;
  return { meshName: m[1], kind: m[2] as ProxyKind, name: m[3] };
}

export function sameProxy(a: ProxyRef, b: ProxyRef): boolean {
  return a.meshName === b.meshName && a.kind === b.kind && a.name === b.name;
}

/**
 * The URI SANs of a peer certificate as Node reports them (`subjectaltname`: `URI:a, DNS:b`; entries
 * containing a comma or quote come JSON-quoted, as in `URI:"x,y"`).
 */
export function uriSans(subjectaltname: string | undefined): string[] {
  if (!subjectaltname) return [];
  const out: string[] = [];
  const entry = /(\w[\w ]*):("(?:[^"\\]|\\.)*"|[^,]*)(?:,\s*|$)/g;
  for (const m of subjectaltname.matchAll(entry)) {
    const [, type, raw = ''] = m;
    if (type !== 'URI') continue;
    out.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
  }
  return out;
}
