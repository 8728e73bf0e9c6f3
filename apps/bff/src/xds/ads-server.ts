// The gRPC side of the control plane: envoy.service.discovery.v3.AggregatedDiscoveryService on
// XDS_HOST:XDS_PORT, state of the world and incremental (delta). Each stream is tied to the virtual node
// its Envoy names and handed to the stream server; startXdsServer wires the parts (control-plane.ts).
// Over TLS by default: a stream is tied to its node only once its client certificate proves it is
// that node (tls/stream-gate.ts, docs/adr/007-xds-client-certificates.md).
import type { CompileOptions, MeshModel } from '@meshwright/model';
import { adsCompileNode } from './compile-node';
import type { AdsMode, AdsProtocol } from './ads-protocol';
import type { AnyDiscoveryResponse, DeltaDiscoveryRequest, DiscoveryRequest } from './xds-messages';
import { parseNodeId, type NodeRef } from './node-id';
import { adsServiceDefinition, EnvoyTypes } from './protos';
import { createControlPlane, type XdsChange, type XdsControlPlane } from './control-plane';
import type { CompileNode } from './snapshot-cache';
import type { ProxyStream, StreamServer } from './stream-server';
import type { NodeSyncStatus } from './sync-status';
import type { XdsLogger } from './xds-events';
import { certificateGate, openGate, type StreamGate } from './tls/stream-gate';
import { GrpcServer, type GrpcCall } from '../grpc/grpc-server';
import type { XdsCredentials } from './tls/xds-credentials';

/** TLS with a client certificate per proxy (the default), or plaintext without identity (XDS_INSECURE=1). */
export type XdsSecurity = { credentials: XdsCredentials } | { insecure: true };

export interface XdsServerOptions {
  /** The store, or anything that loads a mesh the way analysis and compile read it. */
  store: { loadMeshModel(meshName: string): Promise<MeshModel | undefined> };
  /** Ports and addresses the proxies use (egress 15001...): passed to compile in ADS mode. */
  compileOptions?: CompileOptions;
  /** Replaces compile: tests serve hand-made resources, or compile's output with something added. */
  compileNode?: CompileNode;
  security: XdsSecurity;
  /** 127.0.0.1 unless told otherwise: the ADS port carries config, not meant for the world. */
  host?: string;
  /** 18000 by default; 0 picks a free port (tests). */
  port?: number;
  logger?: XdsLogger;
  now?: () => number;
  /** More gRPC services on the same port (the traffic collectors: apps/bff/src/traffic). */
  registerServices?: (server: GrpcServer) => void;
}

export interface XdsServer {
  readonly host: string;
  readonly port: number;
  readonly transport: 'tls' | 'insecure';
  /** The snapshot cache, stream server and sync status behind this port. */
  readonly core: XdsControlPlane;
  /** Hand this to createApp as `onChange`: recomputes the changed mesh and pushes to its proxies. */
  onChange(event: XdsChange): void;
  syncStatus(meshName: string, nodeName: string): NodeSyncStatus;
  /** Closes the port and ends every stream. */
  stop(): Promise<void>;
}

let streamSeq = 0;

export async function startXdsServer(options: XdsServerOptions): Promise<XdsServer> {
  const host = options.host ?? '127.0.0.1';
  const types = new EnvoyTypes();
  types.warmUp();
  const core = createControlPlane({
    loadMeshModel: (m) => options.store.loadMeshModel(m),
    compileNode: options.compileNode ?? adsCompileNode(options.compileOptions),
    types,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  const tls = 'credentials' in options.security ? options.security.credentials : undefined;
  const gate = tls ? certificateGate(tls) : openGate;
  const serverTls = tls?.server();
  const server = new GrpcServer({
    keepaliveMs: 30_000,
    keepaliveTimeoutMs: 10_000,
    ...(serverTls ? { tls: { ca: serverTls.caPem, cert: serverTls.certPem, key: serverTls.keyPem } } : {}),
  });
  server.addService(adsServiceDefinition(types), {
    StreamAggregatedResources: (call: AdsCall) => handleStream(core.streams, gate, call, 'sotw', options.logger),
    DeltaAggregatedResources: (call: AdsCall) => handleStream(core.streams, gate, call, 'delta', options.logger),
  });
  options.registerServices?.(server);
  const port = await server.listen(host, options.port ?? 18000).catch((err: Error) => {
    server.close();
    throw new Error(`xDS server could not listen on ${host}:${options.port ?? 18000}: ${err.message}`);
  });
  options.logger?.info('xDS server listening', { host, port, transport: tls ? 'tls' : 'insecure' });
  return {
    host,
    port,
    transport: tls ? 'tls' : 'insecure',
    core,
    onChange: (event) => {
      core.onChange(event).catch((e: unknown) => options.logger?.error('xds recompute failed', { error: String(e) }));
    },
    syncStatus: (meshName, nodeName) => core.status.nodeStatus({ meshName, nodeName }),
    stop: () =>
      new Promise<void>((resolve) => {
        gate.stop();
        server.close();
        resolve();
      }),
  };
}

type AnyRequest = DiscoveryRequest & DeltaDiscoveryRequest;
type AdsCall = GrpcCall<AnyRequest, AnyDiscoveryResponse>;

function handleStream(streams: StreamServer, gate: StreamGate, call: AdsCall, mode: AdsMode, logger?: XdsLogger): void {
  const id = `stream-${++streamSeq}`;
  let ref: NodeRef | undefined;
  let protocol: AdsProtocol | undefined;
  const pending: AnyRequest[] = [];
  const feed = (p: AdsProtocol, req: AnyRequest) => (mode === 'sotw' ? p.onRequest(req) : p.onDeltaRequest(req));
  let closed = false;
  let nodeId = '';

  const close = () => {
    if (closed) return;
    closed = true;
    gate.release(id);
    if (ref) streams.disconnect(ref, id);
  };
  const stream: ProxyStream = {
    id,
    get nodeId() {
      return nodeId;
    },
    address: call.peer,
    send: (response) => {
      if (!closed) call.write(response);
    },
    fail: (code, message) => {
      if (closed) return;
      logger?.warn('xds stream refused', { nodeId, code, message });
      close();
      call.fail(code, message);
    },
  };

  call.on('data', (req: AnyRequest) => {
    try {
      onRequest(req);
    } catch (e) {
      stream.fail('INTERNAL', `request not handled: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  const onRequest = (req: AnyRequest): void => {
    if (closed) return;
    if (protocol) return feed(protocol, req);
    pending.push(req);
    if (ref) return; // the node is being resolved; the request is replayed then
    nodeId = req.node?.id ?? '';
    const parsed = parseNodeId(nodeId);
    if ('error' in parsed) return stream.fail('INVALID_ARGUMENT', parsed.error);
    ref = parsed;
    // Refused before the node is connected: an impostor gets no config and changes no sync status.
    const admitted = gate.admit(id, () => call.peerCertificate(), nodeId, (m) => stream.fail('PERMISSION_DENIED', m));
    admitted
      .then((refusal) => {
        if (closed) return undefined;
        if (refusal !== undefined) return stream.fail('PERMISSION_DENIED', refusal);
        return streams.connect(parsed, stream, mode).then((p) => {
          if (closed) return;
          protocol = p;
          for (const r of pending.splice(0)) feed(p, r);
        });
      })
      .catch((e: unknown) => stream.fail('INTERNAL', `could not serve ${nodeId}: ${String(e)}`));
  };
  call.on('end', () => {
    close();
    call.end();
  });
  call.on('close', close);
}
