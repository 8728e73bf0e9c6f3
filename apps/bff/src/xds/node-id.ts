// Which virtual node an Envoy stands for: its node id is `mesh/<mesh>/virtualNode/<node>` or the
// node's ARN (`arn:aws:appmesh:<region>:<account>:mesh/<mesh>/virtualNode/<node>`), as in App Mesh.

export interface NodeRef {
  meshName: string;
  nodeName: string;
}

const PATH = /^mesh\/([^/]+)\/virtualNode\/([^/]+)$/;
const ARN = /^arn:[^:]+:appmesh:[^:]*:[^:]*:(mesh\/[^/]+\/virtualNode\/[^/]+)$/;

/** The mesh and node named by an Envoy node id, or an explanation of what is wrong with it. */
export function parseNodeId(id: string | undefined): NodeRef | { error: string } {
  if (!id) return { error: 'the Envoy node id is empty: set node.id to mesh/<mesh>/virtualNode/<node>' };
  const path = ARN.exec(id)?.[1] ?? id;
  const m = PATH.exec(path);
  if (!m?.[1] || !m[2]) {
    return { error: `the Envoy node id "${id}" does not name a virtual node: use mesh/<mesh>/virtualNode/<node> or the node's ARN` };
  }
  return { meshName: m[1], nodeName: m[2] };
}

export function nodeKey(ref: NodeRef): string {
  return `${ref.meshName}\u0000${ref.nodeName}`;
}
