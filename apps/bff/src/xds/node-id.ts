// Which proxy an Envoy stands for: its node id is `mesh/<mesh>/virtualNode/<node>` or
// `mesh/<mesh>/virtualGateway/<gateway>`, or the resource's ARN
// (`arn:aws:appmesh:<region>:<account>:mesh/<mesh>/virtualGateway/<gateway>`), as in App Mesh.

/** The kinds of App Mesh resource an Envoy can stand for. */
export type ProxyKind = 'virtualNode' | 'virtualGateway';

export interface NodeRef {
  meshName: string;
  /** The virtual node's name, or the virtual gateway's when kind says so. */
  nodeName: string;
  /** Absent for a virtual node, so the node shapes stay what they were before gateways. */
  kind?: 'virtualGateway';
}

const PATH = /^mesh\/([^/]+)\/(virtualNode|virtualGateway)\/([^/]+)$/;
const ARN = /^arn:[^:]+:appmesh:[^:]*:[^:]*:(mesh\/[^/]+\/(?:virtualNode|virtualGateway)\/[^/]+)$/;

/** The mesh and node or gateway named by an Envoy node id, or an explanation of what is wrong with it. */
export function parseNodeId(id: string | undefined): NodeRef | { error: string } {
  if (!id) return { error: 'the Envoy node id is empty: set node.id to mesh/<mesh>/virtualNode/<node> or mesh/<mesh>/virtualGateway/<gateway>' };
  const path = ARN.exec(id)?.[1] ?? id;
  const m = PATH.exec(path);
  if (!m?.[1] || !m[3]) {
    return {
      error: `the Envoy node id "${id}" does not name a virtual node or virtual gateway: use mesh/<mesh>/virtualNode/<node>, mesh/<mesh>/virtualGateway/<gateway> or its ARN`,
    };
  }
  return m[2] === 'virtualGateway' ? { meshName: m[1], nodeName: m[3], kind: 'virtualGateway' } : { meshName: m[1], nodeName: m[3] };
}

export function proxyKindOf(ref: NodeRef): ProxyKind {
  return ref.kind ?? 'virtualNode';
}

/** A virtual node and a virtual gateway of one name are different proxies. */
export function nodeKey(ref: NodeRef): string {
  return `${ref.meshName}\u0000${proxyKindOf(ref)}\u0000${ref.nodeName}`;
}

/** "virtual node web", "virtual gateway ingress": for messages. */
export function describeProxy(ref: NodeRef): string {
  return `${ref.kind === 'virtualGateway' ? 'virtual gateway' : 'virtual node'} "${ref.nodeName}"`;
}
