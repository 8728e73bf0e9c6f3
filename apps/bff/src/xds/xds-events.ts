// What the control plane tells the rest of the BFF: one typed emitter shared by the parts (the
// wiring emits `change`, sync status `sync`, the stream server `push` and `answer`), and the logger.
import type { NodeRef } from './node-id';
import type { XdsKind } from './snapshot';
import type { GatewaySyncStatus, NodeSyncStatus } from './sync-status';

export interface XdsEvents {
  change: [{ meshName: string }];
  /** A node's or a gateway's sync state changed; proxyKind says which name member it carries. */
  sync: [
    | { meshName: string; proxyKind: 'virtualNode'; virtualNodeName: string; status: NodeSyncStatus }
    | { meshName: string; proxyKind: 'virtualGateway'; virtualGatewayName: string; status: GatewaySyncStatus },
  ];
  /** Per response: for logs and the benchmark (synchronous, cheap when nobody listens). */
  push: [{ ref: NodeRef; streamId: string; kind: XdsKind; version: string }];
  answer: [{ ref: NodeRef; streamId: string; kind: XdsKind; version: string; nackMessage: string | null }];
}

export interface XdsLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
